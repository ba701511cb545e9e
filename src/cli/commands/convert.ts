import { writeFileAtomic } from '../../io/atomic-write.js';
import { readProfileFile } from '../../io/read-profile.js';
import { getProfileFormat } from '../../profile/formats/index.js';

/** Options of `sandfuzz convert`. */
export interface ConvertOptions {
  readonly format: string;
  readonly out?: string;
  readonly name?: string;
}

/** `sandfuzz convert IN`: any format in, the chosen one out (stdout, or an atomic write to --out). */
export async function convert(input: string, opts: ConvertOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  const format = getProfileFormat(opts.format);
  const { profile } = await readProfileFile(input);
  const text = format.render(profile, opts.name === undefined ? {} : { name: opts.name });
  if (opts.out === undefined) stdout.write(text);
  else await writeFileAtomic(opts.out, text);
}
