import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { settleCliAction } from '../../../src/cli/handler.js';
import { buildCli } from '../../../src/cli/program.js';
import { realDeps, type Wire } from '../../../src/cli/wiring.js';
import { type HostProbe, realHostProbe } from '../../../src/env/host-probe.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { FakeEngineApi, type FakeEngineOptions } from '../../fakes/engine-api.js';
import { FakeTracers } from '../../fakes/fake-tracer.js';

/**
 * Bad input, one table: each row runs the real command table (buildCli) through the handler's
 * settle step, as main.ts does, and expects one line on stderr, no stack and its own exit code.
 * The engine is the real dockerode adapter pointed (DOCKER_HOST) at a fake Engine API socket, a
 * missing socket or a stale one; the host's uid, tracefs and tools come from a probe the row sets.
 */

let dir: string;
let engines: FakeEngineApi[] = [];

/** A host where every prerequisite but the engine holds: each row breaks what it is about. */
const HEALTHY: Omit<HostProbe, 'engine'> = {
  uid: () => 0,
  exists: async () => true,
  version: async (cmd) => `${cmd} 1.0 (fake)`,
};

interface Row {
  readonly name: string;
  /** Arguments after `sandfuzz`; `@` stands for the test's temp folder. */
  readonly argv: readonly string[];
  readonly exitCode: number;
  /** The one line, after 'sandfuzz: '. */
  readonly line: RegExp;
  /** What DOCKER_HOST points at: a fake engine (its options), a missing socket, one nobody listens on, another host. */
  readonly engine?: FakeEngineOptions | 'missing' | 'stale' | 'remote';
  readonly probe?: Partial<HostProbe>;
}

const IMAGE_FLAGS = ['--protocol', 'http', '--port', '80', '--out', '@/out'];
const PORT_TAKEN =
  'driver failed programming external connectivity on endpoint sandfuzz-web: Error starting userland proxy: listen tcp4 127.0.0.1:32768: bind: address already in use';

const ROWS: readonly Row[] = [
  { name: 'unknown target', argv: ['run', '--target', 'ngnix'], exitCode: 79, line: /^unknown target "ngnix": .*nginx, redis, postgres$/ },
  {
    name: 'target file missing',
    argv: ['run', '--target', '@/absent.yaml'],
    exitCode: 65,
    line: /^cannot read target file .*absent\.yaml: no such file$/,
  },
  {
    name: 'target file unreadable (a folder)',
    argv: ['run', '--target', '@/folder.yaml'],
    exitCode: 65,
    line: /folder\.yaml: a folder, not a file$/,
  },
  { name: 'target file not YAML', argv: ['run', '--target', '@/broken.yaml'], exitCode: 65, line: /^broken\.yaml: not YAML or JSON: / },
  {
    name: 'target file invalid',
    argv: ['run', '--target', '@/invalid.yaml'],
    exitCode: 65,
    line: /^invalid\.yaml: port: expected a port from 1 to 65535$/,
  },
  {
    name: 'profile not JSON (validate)',
    argv: ['validate', '--target', 'nginx', '--profile', '@/garbage.json'],
    exitCode: 65,
    line: /garbage\.json: not valid JSON \(Unexpected token .* is not valid JSON\)$/,
  },
  {
    name: 'profile not a profile (diff)',
    argv: ['diff', '@/not-profile.json', '@/ok.json'],
    exitCode: 65,
    line: /not-profile\.json: not a seccomp profile: missing "defaultAction"$/,
  },
  { name: 'profile missing (convert)', argv: ['convert', '@/absent.json'], exitCode: 65, line: /^cannot read .*absent\.json: ENOENT/ },
  {
    name: 'profile not JSON (merge)',
    argv: ['merge', '@/ok.json', '@/garbage.json', '--out', '@/merged.json'],
    exitCode: 65,
    line: /garbage\.json: not valid JSON/,
  },
  {
    name: 'bad duration --max-time',
    argv: ['run', '--target', 'nginx', '--max-time', '5x'],
    exitCode: 64,
    line: /^--max-time must be a duration such as 90s, 2m or 1500ms \(got '5x'\)$/,
  },
  {
    name: 'bad number --rounds',
    argv: ['bench', '--target', 'nginx', '--profile', '@/ok.json', '--rounds', '0'],
    exitCode: 64,
    line: /^--rounds must be a positive integer \(got '0'\)$/,
  },
  {
    name: 'bad number --jobs',
    argv: ['run', '--target', 'nginx', '--jobs', 'two'],
    exitCode: 64,
    line: /^--jobs must be a positive integer \(got 'two'\)$/,
  },
  {
    name: 'bad number --seed',
    argv: ['run', '--target', 'nginx', '--seed', '-1'],
    exitCode: 64,
    line: /^--seed must be an integer from 0 to 2147483647 \(got '-1'\)$/,
  },
  {
    name: 'bad number --port',
    argv: ['run', '--image', 'web:1', '--port', '99999'],
    exitCode: 64,
    line: /^--port: expected a port from 1 to 65535$/,
  },
  {
    name: 'unknown option',
    argv: ['run', '--target', 'nginx', '--max-tme', '5s'],
    exitCode: 64,
    line: /^unknown option '--max-tme' \(Did you mean --max-time\?\) \(add --help for usage\)$/,
  },
  {
    name: 'not root',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    probe: { uid: () => 1000 },
    engine: {},
    exitCode: 77,
    line: /^running as root: uid 1000; fix: sudo/,
  },
  {
    name: 'no tracefs',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    probe: { exists: async (p) => !p.includes('tracing') },
    engine: {},
    exitCode: 69,
    line: /^tracefs mounted: no \/sys\/kernel\/tracing\/events\/raw_syscalls; fix: mount -t tracefs/,
  },
  {
    name: 'no BTF',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    probe: { exists: async (p) => !p.includes('btf') },
    engine: {},
    exitCode: 69,
    line: /^kernel BTF: no \/sys\/kernel\/btf\/vmlinux; fix: /,
  },
  {
    name: 'libbpf tracer not built',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    probe: { exists: async (p) => !p.endsWith('sandfuzz-trace') },
    engine: {},
    exitCode: 69,
    line: /^libbpf tracer \(--tracer libbpf\): not built \(.*sandfuzz-trace\); fix: npm run setup/,
  },
  {
    name: 'no bpftrace, with --tracer bpftrace',
    argv: ['run', '--target', 'nginx', '--tracer', 'bpftrace', '--out', '@/out'],
    probe: { version: async (c) => (c === 'bpftrace' ? undefined : `${c} 1.0`) },
    engine: {},
    exitCode: 69,
    line: /^bpftrace \(--tracer bpftrace\): not found on PATH; fix: apt-get install -y bpftrace/,
  },
  {
    name: 'unknown tracer in --compare-tracers',
    argv: ['bench', '--target', 'nginx', '--profile', '@/ok.json', '--compare-tracers', 'bpftrace,strace'],
    exitCode: 64,
    line: /^--compare-tracers: unknown tracer 'strace' \(known: libbpf, bpftrace\)$/,
  },
  {
    name: 'unknown --tracer',
    argv: ['run', '--target', 'nginx', '--tracer', 'strace'],
    exitCode: 64,
    line: /--tracer <name>' argument 'strace' is invalid\. Allowed choices are libbpf, bpftrace/,
  },
  {
    name: 'no engine (socket absent)',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    engine: 'missing',
    exitCode: 68,
    line: /^Docker engine: no engine answers \(.*connect ENOENT .*absent\.sock\); fix: npm run setup/,
  },
  {
    name: 'no engine (stale socket)',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    engine: 'stale',
    exitCode: 68,
    line: /^Docker engine: no engine answers \(.*connect ECONNREFUSED .*stale\.sock\)/,
  },
  {
    name: 'engine not answering',
    argv: ['run', '--target', 'nginx', '--out', '@/out'],
    engine: { silent: true },
    exitCode: 68,
    line: /^Docker engine: no engine answers \(unix:\/\/.*did not answer within 0\.3 s\)/,
  },
  {
    name: 'no engine (doctor)',
    argv: ['doctor'],
    engine: 'missing',
    exitCode: 68,
    line: /^2 prerequisite\(s\) of 'sandfuzz run' missing: docker, seccomp$/,
  },
  {
    name: 'no engine (audit)',
    argv: ['audit', 'web-1'],
    engine: 'missing',
    exitCode: 68,
    line: /^inspect container web-1: connect ENOENT .*absent\.sock: no Docker engine there/,
  },
  {
    name: 'remote engine',
    argv: ['run', '--target', 'nginx'],
    engine: 'remote',
    exitCode: 76,
    line: /^DOCKER_HOST=tcp:\/\/build-box:2375 is an engine on another host/,
  },
  {
    name: 'image not on the engine',
    argv: ['run', '--image', 'sandfuzz-test/absent:1', ...IMAGE_FLAGS],
    engine: {},
    exitCode: 66,
    line: /^image sandfuzz-test\/absent:1 is not on the local Docker engine \(sandfuzz never pulls\)/,
  },
  {
    name: 'port already in use',
    argv: ['run', '--image', 'sandfuzz-test/web:1', ...IMAGE_FLAGS],
    engine: { images: { 'sandfuzz-test/web:1': [80] }, startError: PORT_TAKEN },
    exitCode: 80,
    line: /^start container \w+: .*bind: address already in use \(another program holds the host port/,
  },
  {
    name: '--out under /proc',
    argv: ['run', '--target', 'nginx', '--out', '/proc/x'],
    engine: {},
    exitCode: 74,
    line: /^output folder \/proc\/x: \/proc is a kernel file system/,
  },
  {
    name: '--out under /proc (convert)',
    argv: ['convert', '@/ok.json', '--out', '/proc/x/p.json'],
    exitCode: 74,
    line: /^cannot write \/proc\/x\/p\.json: /,
  },
];

/** Lines a run prints on its way to the failure: progress, not errors. */
const PROGRESS = /^sandfuzz: (using |built |attaching tracer$|mining )/;

/** The row's DOCKER_HOST: engines it needs are started here and closed after all rows. */
async function engineUrl(engine: Row['engine']): Promise<string> {
  if (engine === undefined || engine === 'missing') return `unix://${join(dir, 'absent.sock')}`;
  if (engine === 'remote') return 'tcp://build-box:2375';
  if (engine === 'stale') {
    // Bound and closed without unlinking: the file is there, nothing listens (dockerd died).
    const path = join(dir, 'stale.sock');
    spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`]);
    return `unix://${path}`;
  }
  const fake = await FakeEngineApi.listen(join(dir, `engine-${engines.length}.sock`), engine);
  engines.push(fake);
  return fake.url;
}

/** The real wiring, with the row's host facts and a fake tracer: neither this host's root, tracefs nor engine is asked. */
function wiring(probe: Partial<HostProbe> = {}): Wire {
  return (options) => {
    const real = realDeps(options);
    const engine = realHostProbe(real.runtime, { engineTimeoutMs: 300 }).engine;
    return { ...real, probe: { ...HEALTHY, engine, ...probe }, createTracer: new FakeTracers(new FakeClock()).create };
  };
}

async function sandfuzz(row: Row): Promise<{ exitCode: number; stderr: string }> {
  const argv = row.argv.map((a) => a.replace(/^@/, dir));
  const saved = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = await engineUrl(row.engine);
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const exitCode = await settleCliAction(() => buildCli(wiring(row.probe)).parseAsync([...argv], { from: 'user' }));
    return { exitCode, stderr };
  } finally {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-bad-input-'));
  await mkdir(join(dir, 'folder.yaml'));
  await writeFile(join(dir, 'broken.yaml'), 'image: [nginx\n');
  await writeFile(join(dir, 'invalid.yaml'), 'image: web:1\nport: 99999\n');
  // The newline ends up inside V8's quote of the text: the line must still be one line.
  await writeFile(join(dir, 'garbage.json'), 'not json{\n');
  await writeFile(join(dir, 'not-profile.json'), '{"nope": 1}\n');
  await writeFile(join(dir, 'ok.json'), '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": []}\n');
});

afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
  engines = [];
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bad input: one line on stderr, no stack, its own exit code', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))(
    '%s',
    async (_name, row) => {
      const { exitCode, stderr } = await sandfuzz(row);
      const lines = stderr.split('\n').filter(Boolean);
      const errors = lines.filter((l) => !PROGRESS.test(l));
      expect(errors, stderr).toHaveLength(1);
      expect(errors[0]).toMatch(/^sandfuzz: /);
      expect(errors[0]!.slice('sandfuzz: '.length)).toMatch(row.line);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(exitCode).toBe(row.exitCode);
    },
    10_000,
  );

  it('gives each kind of bad input its own exit code', () => {
    // Rows that share a code share it on purpose: every bad flag value is a usage error (64), a
    // target file and a profile file are both input files whose bytes are wrong (65), and an
    // engine that is absent, dead or stuck is fixed the same way (68).
    const codes = [...new Set(ROWS.map((r) => r.exitCode))].sort((a, b) => a - b);
    expect(codes).toEqual([64, 65, 66, 68, 69, 74, 76, 77, 79, 80]);
  });
});
