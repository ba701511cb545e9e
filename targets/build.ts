import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { untilAborted } from '../src/shared/abort.js';
import { DockerError, ImageBuildError, InterruptedError } from '../src/shared/errors.js';
import { BASE_IMAGE, ensureBaseImage, type EnsureOptions, type EnsureResult } from './base/image.js';
import { retireImage } from './cleanup.js';
import { oneLine } from './image-inspect.js';
import type { ImageStore } from './image-store.js';
import type { TargetDefinition } from './types.js';

export { BASE_IMAGE } from './base/image.js';
export type { EnsureOptions, EnsureResult } from './base/image.js';

/**
 * Label holding a digest of the base image id and the build context: an existing image is reused
 * only while it matches, so an edited Dockerfile or a rebuilt base is never silently ignored.
 */
export const CONTEXT_LABEL = 'sandfuzz.context-sha256';

/**
 * Returns the target's image, building the base image first when missing. An existing image is
 * reused unless `rebuild` is set or its context has changed since it was built.
 */
export async function ensureImage(images: ImageStore, target: TargetDefinition, opts: EnsureOptions = {}): Promise<EnsureResult> {
  const log = opts.log;
  const contextDir = target.build?.contextDir;
  if (!contextDir) throw new ImageBuildError(`${target.name} has no build context: its image must already be on the engine`);
  // Only recipes that start FROM sandfuzz's own base need it built; a user's recipe brings its own.
  const dockerfile = await readFile(join(contextDir, 'Dockerfile'), 'utf8').catch((err: Error) => {
    throw new ImageBuildError(`cannot read ${join(contextDir, 'Dockerfile')}: ${err.message}`);
  });
  const base = dockerfile.includes(BASE_IMAGE)
    ? await ensureBaseImage(images, { ...opts, rebuild: opts.rebuild ?? false, ...(log ? { log: (line: string) => log(`base: ${line}`) } : {}) })
    : { imageId: 'none' };
  const files = await contextFiles(contextDir);
  const digest = await contextDigest(base.imageId, contextDir, files);
  const existing = await images.inspectImage(target.image);
  if (!opts.rebuild && existing?.labels[CONTEXT_LABEL] === digest) return { imageId: existing.id, built: false };
  const imageId = await buildTargetImage(images, target, { contextDir, files, digest, noCache: opts.rebuild ?? false }, opts);
  if (existing && existing.id !== imageId) await retireImage(images, existing.id, log);
  return { imageId, built: true };
}

async function buildTargetImage(
  images: ImageStore,
  target: TargetDefinition,
  context: { readonly contextDir: string; readonly files: readonly string[]; readonly digest: string; readonly noCache: boolean },
  opts: EnsureOptions,
): Promise<string> {
  const { log, signal } = opts;
  const prefixed = log ? (line: string) => log(`${target.name}: ${line}`) : undefined;
  const request = {
    contextDir: context.contextDir,
    files: context.files,
    tag: target.image,
    labels: { [CONTEXT_LABEL]: context.digest },
    noCache: context.noCache,
    ...(prefixed ? { log: prefixed } : {}),
    ...(signal ? { signal } : {}),
  };
  const outcome = await untilAborted(images.buildImage(request), signal).catch((err: unknown) => {
    if (err instanceof InterruptedError || signal?.aborted) throw new InterruptedError(`interrupted while building ${target.image}`);
    throw new DockerError(`build of ${target.image} broke off: ${oneLine(err)}`, { cause: err });
  });
  if (outcome.error) throw new ImageBuildError(`build of ${target.image} failed: ${outcome.error}`);
  const built = await images.inspectImage(target.image);
  if (built?.labels[CONTEXT_LABEL] !== context.digest) {
    throw new ImageBuildError(`build of ${target.image} reported success but left no image with its label`);
  }
  return built.id;
}

/**
 * Files sent as build context, relative and sorted. The target file and TypeScript sources live
 * beside the Dockerfile but are no part of the image: editing a lifecycle must not rebuild it.
 */
export async function contextFiles(contextDir: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(contextDir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await contextFiles(contextDir, rel)));
    else if (entry.isFile() && !/\.(ts|js|map)$/.test(entry.name) && !/^target\.(ya?ml|json)$/.test(rel)) out.push(rel);
  }
  return out.sort();
}

async function contextDigest(baseId: string, contextDir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`${baseId}\n`);
  for (const file of files) {
    const content = await readFile(join(contextDir, file));
    hash.update(`${file}\n${content.length}\n`).update(content);
  }
  return hash.digest('hex');
}
