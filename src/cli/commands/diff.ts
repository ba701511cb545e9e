import { ProfilesDifferError } from '../../shared/errors.js';
import { readProfileFile } from '../../io/read-profile.js';
import { compareProfiles, formatComparison } from '../../profile/compare.js';

/**
 * Exit status 1 without a failure, like diff(1) and cmp(1): "the profiles differ". The CLI
 * handler prints this one line on stderr; the differences themselves go to stdout.
 */
/** `sandfuzz diff A B`: exit 0 when identical, 1 when they differ, 64/65 on usage or input errors. */
export async function diff(a: string, b: string, opts: { json?: boolean }, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  const [pa, pb] = await Promise.all([readProfileFile(a), readProfileFile(b)]);
  const c = compareProfiles(pa.profile, pb.profile);
  stdout.write(opts.json ? `${JSON.stringify(c, null, 2)}\n` : formatComparison(c, a, b));
  if (!c.identical) {
    const changed = c.changed.length + c.settings.length + c.architectures.onlyInA.length + c.architectures.onlyInB.length;
    throw new ProfilesDifferError(
      `profiles differ: ${c.onlyInA.length} syscall(s) only in ${a}, ${c.onlyInB.length} only in ${b}, ${changed} other difference(s)`,
    );
  }
}
