import { describe, expect, it } from 'vitest';
import { LifecycleChecklist } from '../../../src/engine/session.js';
import type { LifecycleAction } from '../../../targets/types.js';

const actions: LifecycleAction[] = [
  { kind: 'signal', name: 'a', signal: 'SIGHUP', settleMs: 0 },
  { kind: 'exec', name: 'b', cmd: ['x'], settleMs: 0 },
  { kind: 'restart', name: 'c', settleMs: 0 },
];

/** Runs the checklist over `samples` steps; `finds(name, run)` says whether that run found something new. */
function simulate(list: LifecycleChecklist, samples: number, finds: (name: string, run: number) => boolean): string {
  let picks = '';
  for (let n = 1; n <= samples; n++) {
    const action = list.due(n);
    if (!action) {
      picks += '.';
      continue;
    }
    picks += action.name;
    list.ran(action.name, finds(action.name, list.runsOf(action.name) + 1));
  }
  return picks;
}

describe('LifecycleChecklist', () => {
  it('runs each action twice after a warm-up, one every few samples, then no more', () => {
    const list = new LifecycleChecklist(actions, { warmupUnits: 3, every: 2, minRuns: 2 });
    // Every first run finds something, no second run does.
    expect(simulate(list, 20, (_name, run) => run === 1)).toBe('..a.b.c.a.b.c.......');
    expect(list.pending).toBe(0);
  });

  it('repeats an action while its runs keep finding new syscalls, and only that one', () => {
    const list = new LifecycleChecklist(actions, { warmupUnits: 1, every: 1, minRuns: 2 });
    // c's second and third runs find something (a race at start-up, say); its fourth does not.
    expect(simulate(list, 12, (name, run) => name === 'c' && run <= 3)).toBe('abcabccc....');
    expect(list.runsOf('c')).toBe(4);
    expect(list.pending).toBe(0);
  });

  it('stays pending until the repeat is in: one run is never enough, even one that found nothing', () => {
    const list = new LifecycleChecklist(actions.slice(0, 1), { warmupUnits: 1, every: 1, minRuns: 2 });
    list.ran('a', false);
    expect(list.pending).toBe(1);
    list.ran('a', false);
    expect(list.pending).toBe(0);
    expect(list.due(5)).toBeUndefined();
  });

  it('forgets a dropped action, so it neither runs again nor keeps the stop rule waiting', () => {
    const list = new LifecycleChecklist(actions, { warmupUnits: 1, every: 1, minRuns: 2 });
    list.drop('a');
    expect(simulate(list, 6, () => false)).toBe('bcbc..');
    expect(list.runsOf('a')).toBe(0);
    expect(list.pending).toBe(0);
  });

  it('has nothing pending and nothing due for a target without lifecycle actions', () => {
    const list = new LifecycleChecklist([]);
    expect(list.pending).toBe(0);
    expect(list.due(5)).toBeUndefined();
  });
});

describe('LifecycleChecklist.reopen', () => {
  it('puts done actions that match back for one more run, but not dropped or still open ones', () => {
    const list = new LifecycleChecklist(actions, { warmupUnits: 1, every: 1, minRuns: 2 });
    list.drop('c');
    simulate(list, 4, () => false);
    expect(list.pending).toBe(0);
    list.reopen((a) => a.kind !== 'exec');
    list.reopen((a) => a.kind !== 'exec'); // twice: still one more run, not two
    expect(list.pending).toBe(1);
    // One run that adds nothing closes it again: it has had its repeats.
    expect(simulate(list, 3, () => false)).toBe('a..');
    expect(list.runsOf('a')).toBe(3);
    expect(list.runsOf('c')).toBe(0);
  });

  it('keeps a reopened action coming while its runs find something', () => {
    const list = new LifecycleChecklist(actions.slice(0, 1), { warmupUnits: 1, every: 1, minRuns: 2 });
    simulate(list, 2, () => false);
    list.reopen(() => true);
    expect(simulate(list, 4, (_name, run) => run === 3)).toBe('aa..');
  });
});
