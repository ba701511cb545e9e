import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { DockerError, ImageBuildError } from '../src/shared/errors.js';
import { BASE_IMAGE, ensureBaseImage, type EnsureOptions, type EnsureResult } from './base/image.js';
import { retireImage } from './cleanup.js';
import { inspectImage, oneLine } from './image-inspect.js';
import { followProgress } from './progress.js';
import type { TargetDefinition } from './types.js';

export { imageExists } from './image-inspect.js';
export { BASE_IMAGE, ensureBaseImage } from './base/image.js';
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
export async function ensureImage(
  docker: Dockerode,
  target: TargetDefinition,
  opts: EnsureOptions = {},
): Promise<EnsureResult> {
  const log = opts.log;
  const contextDir = target.build?.contextDir;
  if (!contextDir) throw new ImageBuildError(`${target.name} has no build context: its image must already be on the engine`);
  // Only recipes that start FROM sandfuzz's own base need it built; a user's recipe brings its own.
  const dockerfile = await readFile(join(contextDir, 'Dockerfile'), 'utf8').catch((err: Error) => {
    throw new ImageBuildError(`cannot read ${join(contextDir, 'Dockerfile')}: ${err.message}`);
  });
  const base = dockerfile.includes(BASE_IMAGE)
    ? await ensureBaseImage(docker, { rebuild: opts.rebuild ?? false, ...(log ? { log: (line: string) => log(`base: ${line}`) } : {}) })
    : { imageId: 'none' };
  const files = await contextFiles(contextDir);
  const digest = await contextDigest(base.imageId, contextDir, files);
  const existing = await inspectImage(docker, target.image);
  if (!opts.rebuild && existing?.labels[CONTEXT_LABEL] === digest) return { imageId: existing.id, built: false };
  const imageId = await buildTargetImage(docker, target, contextDir, files, digest, opts.rebuild ?? false, log);
  if (existing && existing.id !== imageId) await retireImage(docker, existing.id, log);
  return { imageId, built: true };
}

async function buildTargetImage(
  docker: Dockerode,
  target: TargetDefinition,
  contextDir: string,
  files: readonly string[],
  digest: string,
  noCache: boolean,
  log?: (line: string) => void,
): Promise<string> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(
      { context: contextDir, src: [...files] },
      { t: target.image, labels: { [CONTEXT_LABEL]: digest }, rm: true, forcerm: true, nocache: noCache },
    );
  } catch (err) {
    throw new DockerError(`cannot build ${target.image}: ${oneLine(err)}`, { cause: err });
  }
  const prefixed = log ? (line: string) => log(`${target.name}: ${line}`) : undefined;
  const outcome = await followProgress(docker, stream, prefixed).catch((err: unknown) => {
    throw new DockerError(`build of ${target.image} broke off: ${oneLine(err)}`, { cause: err });
  });
  if (outcome.error) throw new ImageBuildError(`build of ${target.image} failed: ${outcome.error}`);
  const built = await inspectImage(docker, target.image);
  if (built?.labels[CONTEXT_LABEL] !== digest) {
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
