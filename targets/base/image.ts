import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilAborted } from '../../src/shared/abort.js';
import { DockerError, ImageBuildError, InterruptedError } from '../../src/shared/errors.js';
import { retireImage } from '../cleanup.js';
import { oneLine } from '../image-inspect.js';
import type { ImageStore } from '../image-store.js';
import { buildRootfs } from './rootfs.js';

export const BASE_REPO = 'sandfuzz/base';
export const BASE_TAG = 'bookworm';
/** The image every target's Dockerfile starts FROM. */
export const BASE_IMAGE = `${BASE_REPO}:${BASE_TAG}`;

export interface EnsureOptions {
  readonly rebuild?: boolean;
  readonly log?: (line: string) => void;
  /** Ends a build at once (mmdebstrap killed, the engine's request cut) with InterruptedError. */
  readonly signal?: AbortSignal;
}

export interface EnsureResult {
  readonly imageId: string;
  readonly built: boolean;
}

// Targets built side by side (Promise.all) share one base build instead of racing three mmdebstraps.
let inFlight: Promise<EnsureResult> | undefined;

/** Returns the base image, building it with mmdebstrap + import when missing (or when rebuild). */
export async function ensureBaseImage(images: ImageStore, opts: EnsureOptions = {}): Promise<EnsureResult> {
  if (inFlight) return untilAborted(inFlight, opts.signal);
  inFlight = (async () => {
    const existing = await images.inspectImage(BASE_IMAGE);
    if (existing && !opts.rebuild) return { imageId: existing.id, built: false };
    const imageId = await buildBaseImage(images, opts);
    if (existing && existing.id !== imageId) await retireImage(images, existing.id, opts.log);
    return { imageId, built: true };
  })();
  try {
    return await inFlight;
  } finally {
    inFlight = undefined;
  }
}

async function buildBaseImage(images: ImageStore, opts: EnsureOptions): Promise<string> {
  const { log, signal } = opts;
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-base-'));
  try {
    const tar = join(dir, 'rootfs.tar');
    await buildRootfs(tar, log, signal);
    log?.(`importing ${tar} as ${BASE_IMAGE}`);
    const request = { tarPath: tar, repo: BASE_REPO, tag: BASE_TAG, ...(log ? { log } : {}), ...(signal ? { signal } : {}) };
    const outcome = await untilAborted(images.importImage(request), signal).catch((err: unknown) => {
      if (err instanceof InterruptedError || signal?.aborted) throw new InterruptedError(`interrupted while importing ${BASE_IMAGE}`);
      throw new DockerError(`import of ${BASE_IMAGE} broke off: ${oneLine(err)}`, { cause: err });
    });
    if (outcome.error) throw new ImageBuildError(`import of ${BASE_IMAGE} failed: ${outcome.error}`);
    const facts = await images.inspectImage(BASE_IMAGE);
    if (!facts) throw new ImageBuildError(`import of ${BASE_IMAGE} reported success but the image is missing`);
    return facts.id;
  } finally {
    // The tarball is ~500 MB: never leave it behind, whatever failed.
    await rm(dir, { recursive: true, force: true });
  }
}
