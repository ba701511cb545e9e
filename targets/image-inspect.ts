import type Dockerode from 'dockerode';
import { DockerError } from '../src/errors.js';

/** What sandfuzz needs to know about a local image, or undefined when the engine does not have it. */
export interface ImageFacts {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<ImageFacts | undefined> {
  try {
    const info = await docker.getImage(ref).inspect();
    return { id: info.Id, labels: info.Config?.Labels ?? {} };
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
