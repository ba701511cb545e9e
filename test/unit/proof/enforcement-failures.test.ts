import { describe, expect, it } from 'vitest';
import type { LifecycleAction } from '../../../targets/types.js';
import { minedEvidence, minedObservations, profileOf } from '../../../src/commands/run-profile.js';
import type { FakeContainer } from '../../fakes/fake-runtime.js';
import { checkEnforcement, type EnforcementResult } from '../../../src/proof/replay-check.js';
import { proofSteps } from '../../../src/report/run-report.js';
import type { Endpoint } from '../../../src/shared/endpoint.js';
import { DockerError, InterruptedError, TracerError } from '../../../src/shared/errors.js';
import { expectCleanedUp, expectOutcome, settle, type ErrorExpectation } from '../../fakes/failure-table.js';
import { fakeSpec, FakeWorld } from '../../fakes/world.js';

const RESTART: LifecycleAction = { kind: 'restart', name: 'restart', settleMs: 100 };
const enforced = (c: FakeContainer): boolean => c.purpose === 'enforce';
const isEnforced = (id: unknown, w: FakeWorld): boolean => w.runtime.containers.some((c) => c.id === id && enforced(c));
const servedByEnforced = (e: unknown, w: FakeWorld): boolean => {
  const c = w.runtime.at(e as Endpoint);
  return c !== undefined && enforced(c);
};

/** `error`: the proof cannot judge the profile and throws; `problem`: it judges, and fails it for this. */
interface Row extends ErrorExpectation {
  readonly name: string;
  readonly lifecycle?: readonly LifecycleAction[];
  /** Scripted after mining: only the proof's calls meet it. */
  readonly arrange: (w: FakeWorld) => void;
  readonly problem?: RegExp;
}

const ROWS: Row[] = [
  {
    name: 'the enforced container does not start',
    arrange: (w) =>
      w.runtime.script.fail('start', new DockerError('start container: OCI runtime start failed: seccomp'), { match: (id) => isEnforced(id, w) }),
    problem: /did not start under the profile: start container/,
  },
  {
    name: 'the enforced container is not ready in time',
    arrange: (w) => (w.runtime.readyWhen = (c) => !enforced(c)),
    problem: /did not start under the profile: .*not become ready within 20000 ms/,
  },
  {
    name: 'the enforced container dies during a unit',
    arrange: (w) =>
      w.generator.script.tap('execute', {
        nth: 2,
        match: (_u, e) => servedByEnforced(e, w),
        before: (_u, e) => w.runtime.kill(w.runtime.at(e as Endpoint)!.id),
      }),
    problem: /answered 'closed' under the profile/,
  },
  {
    name: 'a restart under the profile does not become healthy',
    lifecycle: [RESTART],
    arrange: (w) => (w.runtime.readyWhen = (c) => !enforced(c) || c.starts < 2),
    problem: /enforced run: unit \d+ .*not healthy afterwards/,
  },
  {
    name: 'the enforced stop ends with exit 137',
    arrange: (w) => (w.runtime.stopExitCode = (c) => (enforced(c) ? 137 : 0)),
    problem: /graceful stop ended with exit code 137/,
  },
  {
    name: 'the reference container does not start',
    arrange: (w) => w.runtime.script.fail('start', new DockerError('start container: no space left on device')),
    error: DockerError,
    exitCode: 70,
  },
  {
    name: 'the tracer dies during the reference run',
    arrange: (w) => w.generator.script.tap('execute', { nth: 1, before: () => w.tracers.die('bpftrace exited (SIGKILL): no output') }),
    error: TracerError,
    exitCode: 72,
    message: /tracer died while tracing the reference run/,
  },
  {
    name: 'the tracer loses events during the reference run',
    arrange: (w) => w.generator.script.tap('execute', { nth: 1, before: () => w.tracers.die('bpftrace lost 7 events (a perf buffer overran)') }),
    error: TracerError,
    exitCode: 72,
    message: /lost events/,
  },
  {
    name: 'the tracer does not attach',
    arrange: (w) => w.tracers.script.fail('start', new TracerError('bpftrace did not attach within 60000 ms')),
    error: TracerError,
    exitCode: 72,
  },
  {
    name: 'interrupt during the reference run',
    arrange: (w) => w.generator.script.hang('execute', { nth: 2, before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
  },
  {
    name: 'interrupt while the enforced container starts',
    arrange: (w) => w.runtime.script.hang('start', { match: (id) => isEnforced(id, w), before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
  },
  {
    name: 'interrupt during the enforced stop',
    arrange: (w) => w.runtime.script.hang('stop', { match: (id) => isEnforced(id, w), before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
  },
];

async function prove(w: FakeWorld, lifecycle: readonly LifecycleAction[], arrange: (w: FakeWorld) => void): Promise<EnforcementResult> {
  const result = await w.mine(lifecycle);
  await w.finish();
  const { profile, json } = profileOf(minedObservations(result), minedEvidence(result), 'mined', { version: 'test' });
  arrange(w);
  const target = fakeSpec({ lifecycle: [...lifecycle] });
  return checkEnforcement(
    { target, image: target.image, generator: w.generator, profile, profileJson: json, units: proofSteps(result), unitTimeoutMs: 1_000 },
    { runtime: w.runtime, cleanup: w.cleanup, signal: w.signal, createTracer: w.tracers.create, clock: w.clock },
  );
}

describe('checkEnforcement: one row per failing call, without Docker or root', () => {
  it('passes the profile mined from the same fake server (the baseline)', async () => {
    const w = new FakeWorld();
    const verdict = await prove(w, [RESTART], () => {});
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(await w.finish()).toEqual([]);
    expect(w.runtime.leftovers()).toEqual([]);
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const w = new FakeWorld();
      const outcome = await settle(prove(w, row.lifecycle ?? [], row.arrange));
      await expectCleanedUp(w);
      const verdict = expectOutcome(outcome, row);
      if (!verdict) return;
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join('\n')).toMatch(row.problem!);
    });
  }
});
