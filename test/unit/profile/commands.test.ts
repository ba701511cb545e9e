import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convert } from '../../../src/cli/commands/convert.js';
import { diff } from '../../../src/cli/commands/diff.js';
import { ProfilesDifferError } from '../../../src/shared/errors.js';
import { merge } from '../../../src/cli/commands/merge.js';
import { InputFileError, UsageError } from '../../../src/shared/errors.js';
import { parseAnyProfile, PROFILE_FORMATS } from '../../../src/profile/formats/index.js';
import type { SeccompProfile } from '../../../src/profile/seccomp.js';

const FIXTURE = (name: string) => new URL(`../../fixtures/profiles/${name}`, import.meta.url).pathname;
const RUN2 = FIXTURE('nginx-run2.json');
const RUN3 = FIXTURE('nginx-run3.json');

/** A stdout stand-in that keeps what was written. */
function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return Object.assign(w, { text: () => chunks.join('') });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-formats-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, profile: SeccompProfile, format: keyof typeof PROFILE_FORMATS = 'docker'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, PROFILE_FORMATS[format].render(profile));
  return path;
}
const real = async (): Promise<SeccompProfile> => parseAnyProfile(await readFile(RUN3, 'utf8'), RUN3).profile;

describe('convert', () => {
  it.each(['docker', 'oci', 'k8s'] as const)('prints %s on stdout without --out', async (format) => {
    const out = sink();
    await convert(RUN3, { format }, out);
    expect(out.text()).toBe(PROFILE_FORMATS[format].render(await real()));
  });

  it('writes --out atomically (no temp file left) and reads its own output back', async () => {
    const oci = join(dir, 'p.oci.json');
    const back = join(dir, 'p.docker.json');
    await convert(RUN3, { format: 'oci', out: oci });
    await convert(oci, { format: 'docker', out: back });
    expect(await readdir(dir)).toEqual(['p.docker.json', 'p.oci.json']);
    expect(parseAnyProfile(await readFile(back, 'utf8'), back).profile.syscalls.map((r) => r.names)).toEqual(
      (await real()).syscalls.map((r) => r.names),
    );
  });

  it('passes --name to the k8s format', async () => {
    const out = sink();
    await convert(RUN3, { format: 'k8s', name: 'nginx-web' }, out);
    expect(JSON.parse(out.text()).metadata.name).toBe('nginx-web');
  });

  it('fails with one line for a missing file or an unknown format', async () => {
    await expect(convert(join(dir, 'nope.json'), { format: 'docker' })).rejects.toThrow(InputFileError);
    await expect(convert(join(dir, 'nope.json'), { format: 'docker' })).rejects.toThrow(/^cannot read .*nope\.json: ENOENT/);
    await expect(convert(RUN3, { format: 'yaml' })).rejects.toThrow(UsageError);
  });
});

describe('diff', () => {
  it('prints nothing and succeeds for the same rules in another format', async () => {
    const out = sink();
    await diff(RUN2, await write('k8s.json', await real(), 'k8s'), {}, out);
    expect(out.text()).toBe('');
  });

  it('prints the differences and exits 1 (ProfilesDifferError) when they differ', async () => {
    const p = await real();
    const b = await write('b.json', {
      ...p,
      syscalls: [{ ...p.syscalls[0]!, names: [...p.syscalls[0]!.names.filter((n) => n !== 'sendfile'), 'truncate'] }, ...p.syscalls.slice(1)],
    });
    const out = sink();
    const err = await diff(RUN3, b, {}, out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfilesDifferError);
    expect((err as ProfilesDifferError).exitCode).toBe(1);
    expect((err as Error).message).toMatch(
      /^profiles differ: 1 syscall\(s\) only in .*nginx-run3\.json, 1 only in .*b\.json, 0 other difference\(s\)$/,
    );
    expect(out.text()).toBe(`--- ${RUN3}\n+++ ${b}\n- sendfile\n+ truncate\n`);
  });

  it('prints JSON with --json', async () => {
    const out = sink();
    await diff(RUN2, RUN3, { json: true }, out);
    expect(JSON.parse(out.text())).toMatchObject({ identical: true, onlyInA: [], onlyInB: [] });
  });
});

describe('merge', () => {
  it('writes the union, in the same bytes whatever the argument order', async () => {
    const p = await real();
    const extra = await write('extra.json', {
      ...p,
      architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'],
      syscalls: [{ names: ['truncate', 'clone'], action: 'SCMP_ACT_ALLOW' }],
    });
    const [one, two] = [join(dir, 'one.json'), join(dir, 'two.json')];
    const out = sink();
    await merge([RUN2, RUN3, extra], { out: one, format: 'docker' }, out);
    await merge([extra, RUN3, RUN2], { out: two, format: 'docker' }, sink());
    const text = await readFile(one, 'utf8');
    expect(await readFile(two, 'utf8')).toBe(text);
    // 70 plain + clone in the real profiles, + truncate.
    expect(out.text()).toBe(`${one}: 72 syscalls allowed, merged from 3 profiles (docker)\n`);
    const merged = parseAnyProfile(text, one).profile;
    expect(merged.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86']);
    // extra allows clone plainly, so the masked clone rule is gone; clone3 keeps ENOSYS.
    expect(merged.syscalls.filter((r) => r.names.includes('clone'))).toEqual([expect.objectContaining({ action: 'SCMP_ACT_ALLOW' })]);
    expect(merged.syscalls.find((r) => r.args !== undefined)).toBeUndefined();
    expect(merged.syscalls.at(-1)).toMatchObject({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
    expect(merged.sandfuzz?.merged).toHaveLength(3);
  });

  it('writes k8s with a name derived from the inputs', async () => {
    const out = join(dir, 'sp.json');
    await merge([RUN2, RUN3], { out, format: 'k8s' }, sink());
    expect(JSON.parse(await readFile(out, 'utf8')).metadata.name).toBe('nginx-45f0d871994f');
  });

  it('needs two inputs and refuses a different defaultAction', async () => {
    await expect(merge([RUN2], { out: join(dir, 'x.json'), format: 'docker' })).rejects.toThrow(new UsageError('merge needs at least two profiles'));
    // Both inputs in one folder, so the sorted order the message follows does not depend on where the clone lives.
    const errno = await write('errno.json', await real());
    const kill = await write('kill.json', { ...(await real()), defaultAction: 'SCMP_ACT_KILL_PROCESS', defaultErrnoRet: undefined });
    const refused = new RegExp(`^cannot merge: ${errno} has defaultAction SCMP_ACT_ERRNO but ${kill} has SCMP_ACT_KILL_PROCESS$`);
    await expect(merge([kill, errno], { out: join(dir, 'x.json'), format: 'docker' }, sink())).rejects.toThrow(refused);
    await expect(merge([errno, kill], { out: join(dir, 'x.json'), format: 'docker' }, sink())).rejects.toThrow(refused);
    expect((await readdir(dir)).sort()).toEqual(['errno.json', 'kill.json']);
  });
});
