import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { DockerError, ImageBuildError } from '../../src/shared/errors.js';
import { retireImage } from '../cleanup.js';
import { inspectImage, oneLine } from '../image-inspect.js';
import { followProgress } from '../progress.js';
import { buildRootfs } from './rootfs.js';

export const BASE_REPO = 'sandfuzz/base';
export const BASE_TAG = 'bookworm';
/** The image every target's Dockerfile starts FROM. */
export const BASE_IMAGE = `${BASE_REPO}:${BASE_TAG}`;

export interface EnsureOptions {
  readonly rebuild?: boolean;
  readonly log?: (line: string) => void;
}

export interface EnsureResult {
  readonly imageId: string;
  readonly built: boolean;
}

// Targets built side by side (Promise.all) share one base build instead of racing three mmdebstraps.
let inFlight: Promise<EnsureResult> | undefined;

/** Returns the base image, building it with mmdebstrap + import when missing (or when rebuild). */
export async function ensureBaseImage(docker: Dockerode, opts: EnsureOptions = {}): Promise<EnsureResult> {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    const existing = await inspectImage(docker, BASE_IMAGE);
    if (existing && !opts.rebuild) return { imageId: existing.id, built: false };
    const imageId = await buildBaseImage(docker, opts.log);
    if (existing && existing.id !== imageId) await retireImage(docker, existing.id, opts.log);
    return { imageId, built: true };
  })();
  try {
    return await inFlight;
  } finally {
    inFlight = undefined;
  }
}

async function buildBaseImage(docker: Dockerode, log?: (line: string) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-base-'));
  try {
    const tar = join(dir, 'rootfs.tar');
    await buildRootfs(tar, log);
    log?.(`importing ${tar} as ${BASE_IMAGE}`);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.importImage(tar, { repo: BASE_REPO, tag: BASE_TAG });
    } catch (err) {
      throw new DockerError(`cannot import ${BASE_IMAGE}: ${oneLine(err)}`, { cause: err });
    }
    const outcome = await followProgress(docker, stream, log).catch((err: unknown) => {
      throw new DockerError(`import of ${BASE_IMAGE} broke off: ${oneLine(err)}`, { cause: err });
    });
    if (outcome.error) throw new ImageBuildError(`import of ${BASE_IMAGE} failed: ${outcome.error}`);
    const facts = await inspectImage(docker, BASE_IMAGE);
    if (!facts) throw new ImageBuildError(`import of ${BASE_IMAGE} reported success but the image is missing`);
    return facts.id;
  } finally {
    // The tarball is ~500 MB: never leave it behind, whatever failed.
    await rm(dir, { recursive: true, force: true });
  }
}
