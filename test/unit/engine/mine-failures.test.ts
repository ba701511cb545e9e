import { describe, expect, it } from 'vitest';
import type { LifecycleAction } from '../../../targets/types.js';
import type { MiningResult } from '../../../src/engine/mine.js';
import { DockerError, InterruptedError, TargetCrashedError, TargetUnhealthyError, TracerError } from '../../../src/shared/errors.js';
import { expectCleanedUp, expectOutcome, settle, type ErrorExpectation } from '../../fakes/failure-table.js';
import type { Endpoint } from '../../../src/shared/endpoint.js';
import { FakeWorld } from '../../fakes/world.js';

const RESTART: LifecycleAction = { kind: 'restart', name: 'restart', settleMs: 100 };

interface Row extends ErrorExpectation {
  readonly name: string;
  readonly lifecycle?: readonly LifecycleAction[];
  readonly arrange: (w: FakeWorld) => void;
  /** Checks on the result, when mining ends with one. */
  readonly check?: (r: MiningResult) => void;
}

/** One row per failing call of the mining session. */
const ROWS: Row[] = [
  {
    name: 'container start fails',
    arrange: (w) => w.runtime.script.fail('start', new DockerError('start container c1: OCI runtime create failed')),
    error: DockerError,
    exitCode: 70,
  },
  {
    name: 'container not ready in time',
    arrange: (w) => (w.runtime.readyWhen = () => false),
    error: TargetUnhealthyError,
    exitCode: 73,
    message: /not become ready within 10000 ms/,
  },
  {
    name: 'container dies during a unit',
    arrange: (w) =>
      w.generator.script.tap('execute', { nth: 5, before: (_unit, endpoint) => w.runtime.kill(w.runtime.at(endpoint as Endpoint)!.id) }),
    // A finding, not a failure: the step is kept as a reproducer and mining goes on.
    check: (r) => {
      expect(r.crashes).toHaveLength(1);
      expect(r.stopReason).toBe('saturated');
    },
  },
  {
    name: 'restart does not become healthy',
    lifecycle: [RESTART],
    arrange: (w) => (w.runtime.readyWhen = (c) => c.starts < 2),
    error: TargetCrashedError,
    exitCode: 81,
  },
  {
    name: 'graceful stop ends with exit 137 (SIGKILL after the grace period)',
    arrange: (w) => (w.runtime.stopExitCode = () => 137),
    check: (r) => expect(r.exit.exitCode).toBe(137),
  },
  {
    name: 'tracer dies while mining',
    arrange: (w) => w.generator.script.tap('execute', { nth: 3, before: () => w.tracers.die('bpftrace exited (SIGKILL): no output') }),
    error: TracerError,
    exitCode: 72,
    message: /tracer died while mining/,
  },
  {
    name: 'tracer loses events',
    arrange: (w) =>
      w.generator.script.tap('execute', {
        nth: 3,
        before: () => w.tracers.die('bpftrace lost 42 events (a perf buffer overran): the trace is incomplete'),
      }),
    error: TracerError,
    exitCode: 72,
    message: /lost events/,
  },
  {
    name: 'interrupt while mining',
    arrange: (w) => w.generator.script.hang('execute', { nth: 4, before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
  },
  {
    name: 'interrupt during the graceful stop',
    arrange: (w) => w.runtime.script.hang('stop', { before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
  },
];

describe('mine: one row per failing call, without Docker or root', () => {
  it('mines the fake server when nothing fails (the baseline the rows depart from)', async () => {
    const w = new FakeWorld();
    const r = await w.mine();
    expect(r.stopReason).toBe('saturated');
    expect(r.firstUses.length).toBeGreaterThan(10);
    expect(r.exit.exitCode).toBe(0);
    expect(await w.finish()).toEqual([]);
    expect(w.runtime.leftovers()).toEqual([]);
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const w = new FakeWorld();
      row.arrange(w);
      const outcome = await settle(w.mine(row.lifecycle));
      await expectCleanedUp(w);
      const result = expectOutcome(outcome, row);
      if (result) row.check?.(result);
    });
  }
});
