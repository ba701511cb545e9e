/** What sandfuzz needs to know about a local image. */
export interface ImageFacts {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  /** 'repo@sha256:...' for each registry the image came from; empty for a local build. */
  readonly repoDigests: readonly string[];
  /** TCP ports the image EXPOSEs. */
  readonly exposedTcpPorts: readonly number[];
}

/** How a build or an import ended: the engine can answer 200 and still report a failure in the stream. */
export interface ImageStreamOutcome {
  /** The last error line the engine reported inside the stream, if any. */
  readonly error?: string;
}

export interface ImageBuildRequest {
  readonly contextDir: string;
  /** Files of the context to send, relative to contextDir. */
  readonly files: readonly string[];
  readonly tag: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly noCache: boolean;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface ImageImportRequest {
  readonly tarPath: string;
  readonly repo: string;
  readonly tag: string;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * The images side of the container engine, as target building sees it (the dockerode adapter in
 * src/engine/docker/ is the real one, test/fakes/ has a fake). A broken transport rejects; a
 * build the engine reports as failed resolves with `error`, so callers pick the error class.
 * Method names say 'image' so one fake can be the container runtime and the image store at once.
 */
export interface ImageStore {
  /** The image's facts, or undefined when the engine does not have it. */
  inspectImage(ref: string): Promise<ImageFacts | undefined>;
  buildImage(request: ImageBuildRequest): Promise<ImageStreamOutcome>;
  importImage(request: ImageImportRequest): Promise<ImageStreamOutcome>;
  /** 'in-use' when a container, a child image or another tag still holds it. */
  removeImage(id: string): Promise<'removed' | 'missing' | 'in-use'>;
}
