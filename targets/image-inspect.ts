import type Dockerode from 'dockerode';
import { DockerError } from '../src/shared/errors.js';

/** What sandfuzz needs to know about a local image, or undefined when the engine does not have it. */
export interface ImageFacts {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  /** 'repo@sha256:...' for each registry the image came from; empty for a local build. */
  readonly repoDigests: readonly string[];
  /** TCP ports the image EXPOSEs. */
  readonly exposedTcpPorts: readonly number[];
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<ImageFacts | undefined> {
  try {
    const info = await docker.getImage(ref).inspect();
    const exposed = Object.keys(info.Config?.ExposedPorts ?? {})
      .filter((k) => !k.endsWith('/udp') && !k.endsWith('/sctp'))
      .map((k) => Number(k.split('/')[0]))
      .filter((n) => Number.isInteger(n) && n > 0);
    return { id: info.Id, labels: info.Config?.Labels ?? {}, repoDigests: [...(info.RepoDigests ?? [])].sort(), exposedTcpPorts: exposed.sort((a, b) => a - b) };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw new DockerError(`cannot inspect image ${ref}: ${oneLine(err)}`, { cause: err });
  }
}

/** True when the engine holds an image with this reference. */
export async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  return (await inspectImage(docker, ref)) !== undefined;
}

export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}
