import { resolve } from 'node:path';
import type { TargetSpec } from '../../targets/types.js';
import { describeStep, type CrashRecord } from '../engine/crash.js';
import { crashSaver } from '../io/crash-files.js';
import type { OutputFs } from '../io/output-fs.js';
import { SANDFUZZ_VERSION } from '../shared/version.js';

/** How `sandfuzz replay` finds a target again: a built-in by name, a target file by its path. */
export function targetRefOf(target: TargetSpec): string | undefined {
  if (target.source.kind === 'builtin') return target.name;
  return target.source.path === undefined ? undefined : resolve(target.source.path);
}

/**
 * What `run` does when the server dies while mining: saves the reproducer at once, says so on
 * the log, and hands the engine the path (the engine then restarts the container).
 */
export function onCrashFor(
  args: { target: TargetSpec; imageId: string; generator: string; seed: number; outDir: string; log: (line: string) => void },
  fs?: OutputFs,
): (crash: CrashRecord) => Promise<string> {
  const { target } = args;
  const targetRef = targetRefOf(target);
  const save = crashSaver(
    args.outDir,
    {
      target: target.name,
      ...(targetRef !== undefined ? { targetRef } : {}),
      image: target.image,
      imageId: args.imageId,
      sandfuzzVersion: SANDFUZZ_VERSION,
      generator: args.generator,
      seed: args.seed,
    },
    fs,
  );
  return async (crash) => {
    const path = await save(crash);
    args.log(`${target.name} died during ${describeStep(crash.step)}: ${crash.reason}; reproducer saved to ${path}, restarting it`);
    return path;
  };
}
