import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { realAuditHost } from '../../src/audit/host.js';
import { auditCommand, formatAudit } from '../../src/commands/audit.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { compareNames } from '../../src/syscalls/index.js';
import { complainProfile } from '../../src/profile/complain.js';
import { parseProfile } from '../../src/profile/parse.js';
import type { SeccompProfile } from '../../src/profile/seccomp.js';
import { serializeProfile } from '../../src/profile/serialize.js';
import { requireHost } from '../helpers/host.js';
import { buildSockprobeImage } from '../helpers/probe-image.js';

// Real Docker and the real kernel log: a probe opens sockets under a complain profile that does
// not allow socket, and `audit` must find those calls and give them to the probe's container.
const NGINX = join(import.meta.dirname, '..', 'fixtures', 'nginx-run', 'seccomp.json');
const created: string[] = [];
let runtime: DockerodeRuntime;

/** The mined nginx profile, made to fit the probe: nanosleep (its `hold`) allowed, socket not. */
function probeProfile(): SeccompProfile {
  const nginx = parseProfile(readFileSync(NGINX, 'utf8'), NGINX);
  const [allow, ...rest] = nginx.syscalls;
  const names = [...allow!.names.filter((n) => n !== 'socket'), 'nanosleep'].sort(compareNames);
  return { ...nginx, syscalls: [{ ...allow!, names }, ...rest] };
}

function createProbe(image: string, profile: SeccompProfile, args: string[]): Promise<string> {
  const spec = {
    image,
    name: `sandfuzz-test-audit-${Date.now()}`,
    seccompProfile: serializeProfile(profile),
    cmd: args,
    labels: { sandfuzz: 'test' },
  };
  return runtime.create(spec).then((id) => (created.push(id), id));
}

/** Runs the probe to its end (its exit code: how many sockets failed) and returns what it said. */
async function runProbe(docker: Docker, image: string, profile: SeccompProfile, args: string[]): Promise<{ exitCode: number; output: string }> {
  const id = await createProbe(image, profile, args);
  await docker.getContainer(id).start();
  const exitCode = await runtime.wait(id);
  return { exitCode, output: await runtime.logs(id, 20) };
}

/** Starts the probe with these arguments and waits until it has said how each socket went. */
async function startProbe(
  image: string,
  profile: SeccompProfile,
  args: string[],
  lines: number,
): Promise<{ id: string; pid: number; output: string }> {
  const id = await createProbe(image, profile, args);
  const { pid } = await runtime.start(id); // throws if Docker refuses the profile or the probe dies at once
  for (let i = 0; i < 100; i++) {
    const output = await runtime.logs(id, 20);
    if (output.trim().split('\n').length >= lines) return { id, pid, output };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`probe ${id.slice(0, 12)} said nothing: ${await runtime.logs(id, 20)}`);
}

afterAll(async () => {
  for (const id of created) await runtime?.remove(id);
});

describe('sandfuzz audit on a container under a complain profile', () => {
  it('does not block socket, and lists it as x86_64 socket attributed to the container', async () => {
    const docker: Docker = await requireHost();
    runtime = new DockerodeRuntime(docker);
    const image = await buildSockprobeImage(docker);
    const enforcing = probeProfile();

    // The enforcing profile does deny it (EPERM): complain mode is what makes the difference.
    const denied = await runProbe(docker, image, enforcing, ['use', '16:3']);
    expect(denied).toEqual({ exitCode: 1, output: '16:3=err1\n' });

    const complain = complainProfile(enforcing);
    expect(complain.defaultAction).toBe('SCMP_ACT_LOG');
    const probe = await startProbe(image, complain, ['hold', '8', '16:3', '17:3'], 2);
    expect(probe.output).toContain('16:3=ok'); // AF_NETLINK raw
    expect(probe.output).toContain('17:3=ok'); // AF_PACKET raw

    const result = await auditCommand({ container: probe.id }, realAuditHost(docker));
    expect(result.container).toMatchObject({ id: probe.id, running: true, seccomp: 'SCMP_ACT_LOG' });
    expect(result.logsLogAction).toBe(true);
    const socket = result.denied.find((d) => d.abi === 'x86_64' && d.syscall === 'socket');
    // Two calls; without auditd the kernel prints at most 10 audit records per 5 s across the
    // machine, so one may be dropped when something else was logging just then.
    expect(socket, formatAudit(result)).toMatchObject({ action: 'log', pids: [probe.pid], comms: ['probe'], exes: ['/probe'] });
    expect(socket!.count).toBeGreaterThanOrEqual(1);
    expect(socket!.count).toBeLessThanOrEqual(2);
    // Everything the profile allows stays quiet: socket is the only thing it would deny.
    expect(result.denied.map((d) => d.syscall)).toEqual(['socket']);
    expect(formatAudit(result)).toMatch(/\nsocket +\d +probe \(pid \d+\)\n/);
  }, 180_000);
});
