import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTarget } from '../../targets/index.js';
import type { TargetSpec } from '../../targets/types.js';
import { DEFAULT_MINING_BUDGET_SEC, resolveTargetSpec } from '../../targets/resolve.js';
import { runCommand, type RunOutcome } from '../../src/commands/run.js';
import { resolveRunOptions, type RunOptions } from '../../src/config/run-options.js';
import { realDeps } from '../../src/cli/wiring.js';
import { CleanupStack } from '../../src/engine/cleanup.js';
import { launchContainer, readyFor, type LiveContainer } from '../../src/engine/container-session.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../../src/engine/mining-profile.js';
import { observeContainer } from '../../src/engine/observe.js';
import { refusedArguments } from '../../src/proof/replay-check.js';
import { TRACERS, DEFAULT_TRACER } from '../../src/engine/tracer/tracers.js';
import { allowedSyscalls } from '../../src/profile/diff.js';
import { parseProfile } from '../../src/profile/parse.js';
import { syscallName } from '../../src/syscalls/index.js';
import { requireHost } from './host.js';

const signal = new AbortController().signal;

/** A mined profile and everything needed to hold it against independent workloads. */
export interface Mined {
  readonly runtime: DockerodeRuntime;
  /** The target as mined: protocol, port and settings resolved. */
  readonly target: TargetSpec;
  readonly outcome: RunOutcome;
  readonly profileJson: string;
  readonly allowed: ReadonlySet<string>;
  readonly dispose: () => Promise<void>;
}

/**
 * Runs `sandfuzz run` for a target (a built-in name or a target file) into a temp folder, as a
 * user would (enforcement included).
 */
export async function mineTarget(ref: string, options: Omit<RunOptions, 'target' | 'out'>): Promise<Mined> {
  const runtime = new DockerodeRuntime(await requireHost());
  const definition = getTarget(ref);
  const out = await mkdtemp(join(tmpdir(), `sandfuzz-${definition.name}-`));
  const cleanup = new CleanupStack();
  const resolved = resolveRunOptions(
    { target: definition.name, out, ...options },
    { defaultMaxTimeSec: definition.miningBudgetSec ?? DEFAULT_MINING_BUDGET_SEC },
  );
  const outcome = await runCommand(definition, resolved, { ...realDeps(), runtime, cleanup, signal, log: () => {} });
  const profileJson = await readFile(outcome.profilePath, 'utf8');
  const allowed = new Set(allowedSyscalls(parseProfile(profileJson, 'seccomp.json'), 'x86_64'));
  // The spec as mined: protocol and port as the run resolved them (from the file, or EXPOSE).
  const { protocol, port } = outcome.report as { protocol: TargetSpec['protocol']; port: number };
  const target = resolveTargetSpec({ ...definition, protocol, port }, []).spec;
  return {
    runtime,
    target,
    outcome,
    profileJson,
    allowed,
    dispose: async () => {
      await cleanup.runAll();
      await rm(out, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the target relaxed (allow-all) and traced while `drive` operates it, then stops it; returns
 * the syscalls it made that the mined profile does not allow, and the exit code.
 */
export async function syscallsOutside(mined: Mined, drive: (live: LiveContainer) => Promise<void>): Promise<{ outside: string[]; exitCode: number }> {
  const spec = mined.target;
  const cleanup = new CleanupStack();
  const tracer = TRACERS[DEFAULT_TRACER].create();
  cleanup.defer('stop tracer', () => tracer.stop());
  try {
    await tracer.start();
    const seen = await observeContainer(
      { target: spec, image: spec.image, profileJson: miningProfileJson(), purpose: 'test-observe', drive: (live) => drive(live) },
      { runtime: mined.runtime, tracer, cleanup, signal },
    );
    const used = seen.trace.firstUses().map((u) => syscallName(u.abi, u.nr) ?? `${u.abi}:${u.nr}`);
    // Calls allowed by name but refused for their arguments (socket(AF_NETLINK...), mmap W+X...) count too.
    const profile = parseProfile(mined.profileJson, 'seccomp.json');
    const refusedArgs = refusedArguments(seen.trace.argumentUses(), profile).map((r) => r.argument);
    const outside = [...new Set([...used.filter((n) => !mined.allowed.has(n)), ...refusedArgs])].sort();
    return { outside, exitCode: seen.exit.exitCode };
  } finally {
    await cleanup.runAll();
  }
}

/** Runs the target under the mined profile, enforced, while `drive` operates it; returns the stop's exit code. */
export async function underProfile<T>(mined: Mined, drive: (live: LiveContainer) => Promise<T>): Promise<{ result: T; exitCode: number }> {
  const spec = mined.target;
  const cleanup = new CleanupStack();
  try {
    const c = await launchContainer({
      runtime: mined.runtime,
      cleanup,
      target: spec,
      image: spec.image,
      seccompProfile: mined.profileJson,
      purpose: 'test-enforce',
      signal,
    });
    const live: LiveContainer = { current: c };
    const result = await drive(live);
    const exit = await mined.runtime.stop(c.id, spec.run.stopTimeoutSec);
    return { result, exitCode: exit.exitCode };
  } finally {
    await cleanup.runAll();
  }
}

/** An operator's graceful restart of a running target (docker restart), followed by the tracer. */
export async function restartGracefully(mined: Mined, live: LiveContainer): Promise<void> {
  live.beforeRestart?.();
  live.current = await mined.runtime.restart(live.current.id, { timeoutSec: mined.target.run.stopTimeoutSec, hard: false, port: mined.target.port });
  live.afterRestart?.(live.current);
  const deadline = Date.now() + 30_000;
  const ready = readyFor(mined.runtime, mined.target, live.current.id);
  while (!(await ready(live.current.endpoint))) {
    if (Date.now() > deadline) throw new Error(`${mined.target.name} not ready 30 s after a restart`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The profile a naive miner gets: start the container, one unit of traffic, stop. Checks that
 * hold this against independent workloads show they have teeth.
 */
export function mineNaively(ref: string, seed: number): Promise<Mined> {
  return mineTarget(ref, { seed, maxTime: '1ms', enforce: false, holdout: 0, minUnits: 1 });
}

/** The socket probe (test/fixtures/sockprobe) run to completion under a profile: its output lines and exit code. */
export async function runSockprobe(
  runtime: DockerodeRuntime,
  image: string,
  profileJson: string,
  args: readonly string[],
): Promise<{ lines: string[]; exitCode: number }> {
  const id = await runtime.create({
    image,
    name: `sandfuzz-test-sockprobe-${Date.now()}-${Math.round(Math.random() * 1e6)}`,
    seccompProfile: profileJson,
    cmd: args,
    labels: { sandfuzz: 'test' },
  });
  try {
    await runtime.docker.getContainer(id).start();
    const exitCode = await runtime.wait(id);
    const raw = (await runtime.docker.getContainer(id).logs({ stdout: true, stderr: false })) as unknown as Buffer;
    return { lines: demux(raw).split('\n').filter(Boolean), exitCode };
  } finally {
    await runtime.remove(id);
  }
}

/** Docker's log stream without a TTY: frames of an 8-byte header (stream, 0, 0, 0, size) and a payload. */
function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Which socket families the probe's `try` opened under a profile: label → 'ok' | 'errN'. */
export async function socketFamiliesUnder(runtime: DockerodeRuntime, image: string, profileJson: string): Promise<Record<string, string>> {
  const { lines } = await runSockprobe(runtime, image, profileJson, ['try']);
  return Object.fromEntries(lines.map((l) => l.split('=') as [string, string]));
}

/** Families the argument rules of a mined run allow, by name (from report.json's argumentRules). */
function allowedFamilies(report: { argumentRules?: ReadonlyArray<{ syscall: string; allowed: ReadonlyArray<{ call: string }> }> }): Set<string> {
  const socket = report.argumentRules?.find((o) => o.syscall === 'socket');
  return new Set((socket?.allowed ?? []).map((a) => /^socket\((AF_\w+)/.exec(a.call)?.[1] ?? '?'));
}

/**
 * The acceptance check of argument rules: a static probe under the mined profile opens only
 * socket families the server itself used, never AF_ALG, AF_VSOCK, AF_PACKET, AF_KEY or AF_XDP
 * (unless the server used them), and returns what it opened.
 */
export async function socketFamiliesOpenUnder(mined: Mined, sockprobeImage: string): Promise<Record<string, string>> {
  const opened = await socketFamiliesUnder(mined.runtime, sockprobeImage, mined.profileJson);
  const used = allowedFamilies(mined.outcome.report as never);
  for (const [label, result] of Object.entries(opened)) {
    const family = label.replace(/_(DGRAM|RAW)$/, '');
    if (result === 'ok' && !used.has(family)) throw new Error(`${label} opened under the mined profile, but the server never used ${family}`);
  }
  for (const family of ['AF_ALG', 'AF_VSOCK', 'AF_PACKET', 'AF_KEY', 'AF_XDP']) {
    if (opened[family] === 'ok' && !used.has(family)) throw new Error(`${family} opened under the mined profile`);
  }
  return opened;
}
