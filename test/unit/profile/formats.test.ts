import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../src/cli/program.js';
import { InputFileError, UsageError } from '../../../src/shared/errors.js';
import { buildProfile, CLONE_NAMESPACE_MASK, ENOSYS } from '../../../src/profile/build.js';
import {
  detectProfileFormat,
  getProfileFormat,
  parseAnyProfile,
  PROFILE_FORMAT_NAMES,
  PROFILE_FORMATS,
  profileFormatHelp,
} from '../../../src/profile/formats/index.js';
import { isDns1123Label, k8sNameOf, toDns1123Label } from '../../../src/profile/formats/k8s-name.js';
import { K8S_API_VERSION, K8S_KIND, PROVENANCE_ANNOTATION } from '../../../src/profile/formats/k8s.js';
import type { SeccompProfile, SeccompRule } from '../../../src/profile/seccomp.js';
import { serializeProfile } from '../../../src/profile/serialize.js';

const IMAGE_ID = 'sha256:45f0d871994f4e54d9a673395d21384f46d2250bf485591e9b9de3543b8400c5';
/** A small mined profile, as buildProfile writes it (literal, so goldens do not follow table updates). */
const small: SeccompProfile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  architectures: ['SCMP_ARCH_X86_64'],
  syscalls: [
    { names: ['exit_group', 'read', 'write'], action: 'SCMP_ACT_ALLOW' },
    {
      names: ['clone'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
      comment: "clone without namespace flags (CLONE_NEW*), as in Docker's default profile",
    },
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, comment: 'ENOSYS so glibc falls back to clone' },
  ],
  sandfuzz: { tool: 'sandfuzz', version: '0.1.0', target: 'nginx', image: 'sandfuzz/nginx:latest', imageId: IMAGE_ID, seed: 1 },
};
const REAL = readFileSync(new URL('../../fixtures/profiles/nginx-run3.json', import.meta.url), 'utf8');
const GOLDEN = '../../fixtures/profiles/golden';

const withoutComment = ({ comment: _c, ...rule }: SeccompRule): SeccompRule => rule;

function inputError(fn: () => unknown): InputFileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as Error).message).not.toContain('\n');
    return err as InputFileError;
  }
  throw new Error('expected an InputFileError');
}

describe('PROFILE_FORMATS registry', () => {
  it('keys each format by its own name, docker first (the default)', () => {
    expect(PROFILE_FORMAT_NAMES).toEqual(['docker', 'oci', 'k8s']);
    for (const name of PROFILE_FORMAT_NAMES) expect(PROFILE_FORMATS[name].name).toBe(name);
  });

  it('gives each format its own .json extension', () => {
    const extensions = PROFILE_FORMAT_NAMES.map((n) => PROFILE_FORMATS[n].extension);
    expect(extensions).toEqual(['.json', '.oci.json', '.k8s.json']);
  });

  it('derives the CLI choices and help from the registry', () => {
    const help = profileFormatHelp();
    for (const name of PROFILE_FORMAT_NAMES) expect(help).toContain(`${name} = ${PROFILE_FORMATS[name].description}`);
    for (const command of ['convert', 'merge']) {
      const option = buildCli()
        .commands.find((c) => c.name() === command)
        ?.options.find((o) => o.long === '--format');
      expect(option?.argChoices).toEqual(PROFILE_FORMAT_NAMES);
      expect(option?.defaultValue).toBe('docker');
    }
  });

  it('refuses an unknown format name with the valid ones', () => {
    expect(() => getProfileFormat('yaml')).toThrow(new UsageError('unknown format "yaml": choose one of docker, oci, k8s'));
  });
});

describe('golden output of a small profile', () => {
  it.each(PROFILE_FORMAT_NAMES)('%s', async (name) => {
    await expect(PROFILE_FORMATS[name].render(small)).toMatchFileSnapshot(`${GOLDEN}/small.${name}.json`);
  });

  it('docker is serializeProfile', () => {
    expect(PROFILE_FORMATS.docker.render(small)).toBe(serializeProfile(small));
  });

  it('the literal is what buildProfile mines (provenance aside)', () => {
    const mined = buildProfile({
      observed: ['write', 'read', 'clone', 'exit_group'].map((name) => ({ abi: 'x86_64' as const, name })),
      provenance: { version: '0.1.0' },
    });
    expect(mined.syscalls.map(withoutComment)).toEqual(small.syscalls.map(withoutComment));
  });
});

describe('oci', () => {
  it('writes no Docker-only key and no provenance', () => {
    const json = JSON.parse(PROFILE_FORMATS.oci.render(small)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['defaultAction', 'defaultErrnoRet', 'architectures', 'syscalls']);
    for (const rule of json.syscalls as Record<string, unknown>[]) {
      expect(Object.keys(rule).filter((k) => !['names', 'action', 'errnoRet', 'args'].includes(k))).toEqual([]);
    }
  });

  it('docker -> oci -> docker keeps every rule (comments aside) of a real mined profile', () => {
    const docker = PROFILE_FORMATS.docker.parse(REAL, 'real.json');
    const back = PROFILE_FORMATS.docker.parse(PROFILE_FORMATS.oci.render(docker), 'oci.json');
    expect(back.syscalls).toEqual(docker.syscalls.map(withoutComment));
    const { sandfuzz: _p, syscalls: _s, ...settings } = docker;
    expect(back).toMatchObject(settings);
    expect(back.sandfuzz).toBeUndefined();
  });

  it('refuses archMap and includes/excludes instead of dropping them', () => {
    const archMap: SeccompProfile = { ...small, architectures: undefined, archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: [] }] };
    expect(() => PROFILE_FORMATS.oci.render(archMap)).toThrow(/oci format cannot express Docker's "archMap"/);
    const caps: SeccompProfile = { ...small, syscalls: [{ names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } }] };
    expect(() => PROFILE_FORMATS.oci.render(caps)).toThrow(UsageError);
  });

  it('reads a whole OCI config.json through linux.seccomp', () => {
    const seccomp = JSON.parse(PROFILE_FORMATS.oci.render(small)) as unknown;
    const config = JSON.stringify({ ociVersion: '1.1.0', linux: { seccomp } });
    expect(parseAnyProfile(config, 'config.json')).toEqual({ format: 'oci', profile: PROFILE_FORMATS.oci.parse(JSON.stringify(seccomp), 'x') });
    expect(inputError(() => PROFILE_FORMATS.oci.parse('{"ociVersion": "1.1.0", "linux": {}}', 'config.json')).message).toBe(
      'config.json: OCI config.json without linux.seccomp',
    );
  });

  it('refuses Docker keys when told the input is oci', () => {
    expect(inputError(() => PROFILE_FORMATS.oci.parse(REAL, 'p.json')).message).toBe(
      'p.json: "sandfuzz" is a Docker extension, not OCI runtime-spec: read the file as docker',
    );
  });
});

describe('k8s', () => {
  const resource = () =>
    JSON.parse(PROFILE_FORMATS.k8s.render(small)) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string; annotations: Record<string, string> };
      spec: Record<string, unknown>;
    };

  it('is a JSON SPO SeccompProfile with a DNS-1123 name and the provenance annotation', () => {
    const r = resource();
    expect(r.apiVersion).toBe(K8S_API_VERSION);
    expect(r.apiVersion).toBe('security-profiles-operator.x-k8s.io/v1beta1');
    expect(r.kind).toBe(K8S_KIND);
    expect(r.metadata.name).toBe('nginx-45f0d871994f');
    expect(isDns1123Label(r.metadata.name)).toBe(true);
    expect(JSON.parse(r.metadata.annotations[PROVENANCE_ANNOTATION]!)).toEqual(small.sandfuzz);
    // SPO's spec has no defaultErrnoRet: the runtime's fallback is EPERM, which is what we write.
    expect(Object.keys(r.spec)).toEqual(['defaultAction', 'architectures', 'syscalls']);
  });

  it('round-trips through parse, provenance included', () => {
    const { defaultErrnoRet: _e, ...rest } = small;
    expect(PROFILE_FORMATS.k8s.parse(PROFILE_FORMATS.k8s.render(small), 'sp.json')).toEqual({
      ...rest,
      syscalls: small.syscalls.map(withoutComment),
    });
  });

  it('takes a given name only if it is valid', () => {
    expect(JSON.parse(PROFILE_FORMATS.k8s.render(small, { name: 'web-1' })).metadata.name).toBe('web-1');
    expect(() => PROFILE_FORMATS.k8s.render(small, { name: 'Web_1' })).toThrow(/invalid k8s name "Web_1"/);
  });

  it('refuses a defaultErrnoRet other than EPERM', () => {
    expect(() => PROFILE_FORMATS.k8s.render({ ...small, defaultErrnoRet: 38 })).toThrow(/cannot express defaultErrnoRet 38/);
  });

  it.each([
    [{ target: 'Nginx_Proxy', imageId: IMAGE_ID }, 'nginx-proxy-45f0d871994f'],
    [{ image: 'sandfuzz/nginx:latest' }, 'sandfuzz-nginx-latest'],
    [{ target: 'x'.repeat(80), imageId: IMAGE_ID }, `${'x'.repeat(50)}-45f0d871994f`],
    [{}, 'sandfuzz-profile'],
    [{ merged: [{ target: 'nginx', imageId: IMAGE_ID }, { target: 'nginx', imageId: IMAGE_ID }, null] }, 'nginx-45f0d871994f'],
  ])('derives metadata.name from %j', (extra, name) => {
    const derived = k8sNameOf({ tool: 'sandfuzz', version: '1', ...extra });
    expect(derived).toBe(name);
    expect(isDns1123Label(derived)).toBe(true);
  });

  it('names a merge of different images by a hash of their ids', () => {
    const name = k8sNameOf({
      tool: 'sandfuzz',
      version: '1',
      merged: [
        { target: 'nginx', imageId: 'sha256:aa' },
        { target: 'redis', imageId: 'sha256:bb' },
      ],
    });
    expect(name).toMatch(/^nginx-redis-merged-[0-9a-f]{8}$/);
    expect(toDns1123Label('--A..b--')).toBe('a-b');
  });

  it('reads string errnoRet of older CRDs and refuses baseProfileName', () => {
    const r = resource();
    const old = { ...r, spec: { ...r.spec, syscalls: [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: '38' }] } };
    expect(PROFILE_FORMATS.k8s.parse(JSON.stringify(old), 'sp.json').syscalls).toEqual([
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
    ]);
    const based = { ...r, spec: { ...r.spec, baseProfileName: 'runc-v1.2.0' } };
    expect(inputError(() => PROFILE_FORMATS.k8s.parse(JSON.stringify(based), 'sp.json')).message).toMatch(
      /^sp\.json: spec\.baseProfileName "runc-v1\.2\.0" is resolved by the operator/,
    );
  });
});

describe('parseAnyProfile', () => {
  it.each(PROFILE_FORMAT_NAMES)('detects %s output and reads back the same rules', (name) => {
    const parsed = parseAnyProfile(PROFILE_FORMATS[name].render(small), 'x.json');
    // A docker profile without Docker-only keys would be plain OCI; ours carries provenance and comments.
    expect(parsed.format).toBe(name);
    expect(parsed.profile.syscalls.map(withoutComment)).toEqual(small.syscalls.map(withoutComment));
  });

  it('reads a plain profile (no Docker keys) as oci, and Docker keys as docker', () => {
    expect(detectProfileFormat({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] })).toBe('oci');
    expect(detectProfileFormat({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['a'], action: 'SCMP_ACT_ALLOW', comment: 'x' }] })).toBe(
      'docker',
    );
    expect(detectProfileFormat({ kind: 'Pod' })).toBe('k8s');
  });

  it.each([
    ['not json {', /^bad\.json: not valid JSON \(/],
    ['', /^bad\.json: not valid JSON/],
    [
      'apiVersion: security-profiles-operator.x-k8s.io/v1beta1\nkind: SeccompProfile\n',
      /^bad\.json: YAML is not read, only JSON: convert it first \(yq -o json bad\.json\)$/,
    ],
    ['[1, 2]', /^bad\.json: not a seccomp profile: the top level is an array/],
    ['{"kind": "Pod", "apiVersion": "v1"}', /^bad\.json: not an SPO SeccompProfile: kind "Pod", apiVersion "v1"$/],
    [
      `{"kind": "${K8S_KIND}", "apiVersion": "${K8S_API_VERSION}", "spec": {"syscalls": []}}`,
      /^bad\.json: spec: not a seccomp profile: missing "defaultAction"$/,
    ],
    ['{"defaultAction": "SCMP_ACT_NOPE"}', /^bad\.json: not a seccomp profile: defaultAction "SCMP_ACT_NOPE"/],
    ['\u0000\u0001garbage', /^bad\.json: not valid JSON/],
  ])('turns garbage into one InputFileError line: %j', (text, message) => {
    expect(inputError(() => parseAnyProfile(text, 'bad.json')).message).toMatch(message);
  });
});
