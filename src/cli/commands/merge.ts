import { UsageError } from '../../shared/errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { readProfileFile } from '../../io/read-profile.js';
import { allowedSyscalls } from '../../profile/diff.js';
import { getProfileFormat } from '../../profile/formats/index.js';
import { mergeProfiles } from '../../profile/merge.js';

/** Options of `sandfuzz merge`. */
export interface MergeCommandOptions {
  readonly out: string;
  readonly format: string;
  readonly name?: string;
}

/** `sandfuzz merge A B...`: the union of several runs' profiles, written atomically to --out. */
export async function merge(inputs: readonly string[], opts: MergeCommandOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (inputs.length < 2) throw new UsageError('merge needs at least two profiles');
  const format = getProfileFormat(opts.format);
  const parsed = await Promise.all(inputs.map(async (source) => ({ source, profile: (await readProfileFile(source)).profile })));
  const merged = mergeProfiles(parsed);
  await writeFileAtomic(opts.out, format.render(merged, opts.name === undefined ? {} : { name: opts.name }));
  stdout.write(`${opts.out}: ${allowedSyscalls(merged).length} syscalls allowed, merged from ${inputs.length} profiles (${format.name})\n`);
}
