import { describe, expect, it } from 'vitest';
import type { LifecycleAction } from '../../../targets/types.js';
import { knownOutsideUnits } from '../../../src/engine/mine.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import { FakeWorld } from '../../fakes/world.js';

const BACKUP: LifecycleAction = { kind: 'exec', name: 'backup', cmd: ['backup'], settleMs: 100 };
const RESTART: LifecycleAction = { kind: 'restart', name: 'restart', settleMs: 100 };
/** Syscalls neither the fake start-up nor any fake unit makes: chdir, mkdir. */
const CHDIR = 80;
const MKDIR = 83;

/** Makes the container use `nr` whenever a call of the runtime's `name` (exec, say) matches. */
function useOn(
  w: FakeWorld,
  nr: number,
  rule: { nth?: number; match?: (...args: readonly unknown[]) => boolean },
  on: 'runtime' | 'generator',
): void {
  const container = (): bigint => w.runtime.containers.find((c) => c.running && !c.removed)!.mntns;
  const before = (): void => w.runtime.onSyscalls(container(), [nr]);
  if (on === 'runtime') w.runtime.script.tap('exec', { ...rule, before });
  else w.generator.script.tap('execute', { ...rule, before });
}

const isBackup = (_id: unknown, cmd: unknown): boolean => (cmd as string[])[0] === 'backup';

describe('mining in two strata: the lifecycle checklist and the workload units', () => {
  it('runs each lifecycle action until a repeat adds nothing, and counts only workload units', async () => {
    const w = new FakeWorld();
    // The backup's first two runs each find something (the second, say, a retry path): three runs.
    // (The first rule that matches wins: the second sees only the calls the first let through.)
    useOn(w, CHDIR, { nth: 1, match: isBackup }, 'runtime');
    useOn(w, MKDIR, { nth: 1, match: isBackup }, 'runtime');
    const r = await w.mine([BACKUP, RESTART]);
    expect(r.stopReason).toBe('saturated');
    const runs = (family: string) => r.records.filter((x) => x.family === family && x.role === 'sample').length;
    expect(runs('lifecycle:backup')).toBe(3);
    expect(runs('lifecycle:restart')).toBe(2);
    const units = r.records.filter((x) => x.kind === 'workload' && x.role === 'sample').length;
    expect(r.estimates.units).toBe(units);
  });

  it("counts what turns up right after an action (its tail, a save's child still writing) as the action's", async () => {
    const w = new FakeWorld();
    let tail = false;
    // On the second run, which would otherwise close the action.
    w.runtime.script.tap('exec', { nth: 2, match: isBackup, before: () => (tail = true) });
    // The sync after the action: the line arrives in its epoch, not the action's.
    w.tracers.script.tap('sync', {
      match: () => tail,
      before: () => {
        tail = false;
        w.runtime.onSyscalls(w.runtime.containers.find((c) => c.running && !c.removed)!.mntns, [CHDIR]);
      },
    });
    const r = await w.mine([BACKUP]);
    expect(r.firstUses.find((u) => u.nr === CHDIR)).toBeDefined();
    // The second run found something (in its tail), so a third run checks it again.
    expect(r.records.filter((x) => x.family === 'lifecycle:backup').length).toBe(3);
  });

  it('does not wait on a unit singleton that a lifecycle action also used', async () => {
    const w = new FakeWorld();
    useOn(w, CHDIR, { match: isBackup }, 'runtime');
    useOn(w, CHDIR, { nth: 7 }, 'generator');
    const r = await w.mine([BACKUP]);
    expect(r.stopReason).toBe('saturated');
  });

  it('does wait on a syscall only one unit reaches (its replay too): the next units may find more like it', async () => {
    const w = new FakeWorld();
    // Only the 7th unit makes mkdir, each time it runs: the original and its confirmation replay.
    let calls = 0;
    let finder: unknown;
    useOn(w, MKDIR, { match: (unit) => (++calls === 7 ? ((finder = unit), true) : unit === finder) }, 'generator');
    const r = await w.mine([BACKUP]);
    expect(r.credits.get(`x86_64:${MKDIR}`)?.confirmed).toBe(true);
    expect(r.stopReason).toBe('budget');
    expect(r.estimates.q1).toBe(1);
  });

  it('leaves out a find its replay did not make again, and gives idle and restarts one more run', async () => {
    const w = new FakeWorld();
    // The 40th unit, long after the checklist's first two passes; its replay makes no mkdir.
    useOn(w, MKDIR, { nth: 40 }, 'generator');
    const r = await w.mine([BACKUP, RESTART]);
    expect(r.credits.get(`x86_64:${MKDIR}`)?.confirmed).toBe(false);
    expect(r.stopReason).toBe('saturated');
    const runs = (family: string) => r.records.filter((x) => x.family === family).length;
    expect(runs('lifecycle:restart')).toBe(3);
    expect(runs('lifecycle:backup')).toBe(2);
  });
});

describe('knownOutsideUnits', () => {
  it('unites the sets of every epoch that is not a workload unit or its replay', () => {
    const sets = new Map<number, Set<string>>([
      [0, new Set(['read', 'execve'])],
      [1, new Set(['mkdir'])],
      [2, new Set(['fork'])],
      [3, new Set(['unlink'])],
      [4, new Set(['rmdir'])],
    ]);
    const trace = { epochs: () => [...sets.keys()], epochSet: (e: number) => sets.get(e) ?? new Set<string>() };
    const base = { role: 'sample' as const, family: 'f', description: '', startedMs: 0, durationMs: 0 };
    const records: UnitRecord[] = [
      { ...base, kind: 'workload', index: 1, epoch: 1, generator: 'g', origin: 'generate', unit: {}, answers: [] },
      { ...base, kind: 'lifecycle', index: 2, epoch: 2, action: BACKUP, healthyAfter: true, detail: '' },
      { ...base, kind: 'workload', index: 3, epoch: 3, role: 'confirm', replayOf: 1, generator: 'g', origin: 'generate', unit: {}, answers: [] },
    ];
    // Epoch 4 has no record: the sync after a step, background work.
    expect([...knownOutsideUnits(trace, records)].sort()).toEqual(['execve', 'fork', 'read', 'rmdir']);
  });
});
