import Docker from 'dockerode';
import type { ImageBuildRequest, ImageFacts, ImageImportRequest, ImageStore, ImageStreamOutcome } from '../../../targets/image-store.js';
import { oneLine } from '../../../targets/image-inspect.js';
import { DockerError } from '../../shared/errors.js';
import { engineFailure } from './engine-errors.js';
import { followProgress } from './progress.js';

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

/** ImageStore on a real Docker engine, through its API socket. */
export class DockerodeImageStore implements ImageStore {
  constructor(readonly docker: Docker = new Docker()) {}

  async inspectImage(ref: string): Promise<ImageFacts | undefined> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      const exposed = Object.keys(info.Config?.ExposedPorts ?? {})
        .filter((k) => !k.endsWith('/udp') && !k.endsWith('/sctp'))
        .map((k) => Number(k.split('/')[0]))
        .filter((n) => Number.isInteger(n) && n > 0);
      return {
        id: info.Id,
        labels: info.Config?.Labels ?? {},
        repoDigests: [...(info.RepoDigests ?? [])].sort(),
        exposedTcpPorts: exposed.sort((a, b) => a - b),
      };
    } catch (err) {
      if (statusCode(err) === 404) return undefined;
      // No engine at all is exit 68, not a failed inspect (70).
      throw engineFailure(`cannot inspect image ${ref}`, err);
    }
  }

  async buildImage(request: ImageBuildRequest): Promise<ImageStreamOutcome> {
    // The abort signal cuts the request: the engine cancels a build whose client went away.
    const stream = await this.docker.buildImage(
      { context: request.contextDir, src: [...request.files] },
      {
        t: request.tag,
        labels: { ...request.labels },
        rm: true,
        forcerm: true,
        nocache: request.noCache,
        ...(request.signal ? { abortSignal: request.signal } : {}),
      },
    );
    return followProgress(this.docker, stream, request.log);
  }

  async importImage(request: ImageImportRequest): Promise<ImageStreamOutcome> {
    const stream = await this.docker.importImage(request.tarPath, {
      repo: request.repo,
      tag: request.tag,
      ...(request.signal ? { abortSignal: request.signal } : {}),
    });
    return followProgress(this.docker, stream, request.log);
  }

  async removeImage(id: string): Promise<'removed' | 'missing' | 'in-use'> {
    try {
      await this.docker.getImage(id).remove();
      return 'removed';
    } catch (err) {
      if (statusCode(err) === 404) return 'missing';
      if (statusCode(err) === 409) return 'in-use';
      throw new DockerError(`cannot remove image ${id}: ${oneLine(err)}`, { cause: err });
    }
  }
}
