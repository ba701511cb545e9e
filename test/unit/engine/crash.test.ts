import { describe, expect, it } from 'vitest';
import {
  buildCrashRecord,
  CrashStreak,
  describeExit,
  describeStep,
  judgeHealth,
  logTail,
  MAX_CRASHES_IN_A_ROW,
  signalOfExitCode,
} from '../../../src/engine/crash.js';
import type { UnitRecord } from '../../../src/engine/session.js';

const running = { running: true, exitCode: 0, oomKilled: false };
const exited = (exitCode: number, oomKilled = false) => ({ running: false, exitCode, oomKilled });

const step: UnitRecord = {
  kind: 'workload',
  index: 14,
  epoch: 20,
  role: 'sample',
  origin: 'mutate',
  generator: 'http',
  unit: { path: '/x' },
  answers: ['closed'],
  family: 'http:malformed',
  description: 'GET /x',
  startedMs: 1200,
  durationMs: 3,
};

describe('crash vs healthy', () => {
  it.each([
    ['running, not asked', running, undefined, { healthy: true }],
    ['running, answers its check', running, undefined, { healthy: true }],
    ['killed from outside', exited(137), undefined, { healthy: false, reason: 'exited on SIGKILL (exit code 137)' }],
    ['segfault of its init', exited(139), undefined, { healthy: false, reason: 'exited on SIGSEGV (exit code 139)' }],
    ['plain exit', exited(1), undefined, { healthy: false, reason: 'exited with code 1' }],
    ['a clean exit while mining is a death too', exited(0), undefined, { healthy: false, reason: 'exited with code 0' }],
    [
      'out of memory',
      exited(137, true),
      undefined,
      { healthy: false, reason: 'exited on SIGKILL (exit code 137), killed for running out of memory' },
    ],
    [
      'hangs',
      running,
      'server did not become ready within 5000 ms',
      { healthy: false, reason: 'still running but not answering: server did not become ready within 5000 ms' },
    ],
    ['dead beats hung', exited(143), 'no answer', { healthy: false, reason: 'exited on SIGTERM (exit code 143)' }],
  ])('%s', (_name, state, unanswered, expected) => {
    expect(judgeHealth(state, unanswered)).toMatchObject(expected);
  });

  it('reads a signal only from exit codes above 128', () => {
    expect([0, 1, 128, 129, 137, 139, 255].map(signalOfExitCode)).toEqual([
      undefined,
      undefined,
      undefined,
      'SIGHUP',
      'SIGKILL',
      'SIGSEGV',
      undefined,
    ]);
  });

  it('keeps the exit code and signal in the verdict', () => {
    expect(judgeHealth(exited(137))).toEqual({
      healthy: false,
      reason: describeExit({ running: false, exitCode: 137, signal: 'SIGKILL', oomKilled: false }),
      exit: { running: false, exitCode: 137, signal: 'SIGKILL', oomKilled: false },
    });
  });
});

describe('crash records', () => {
  const verdict = judgeHealth(exited(137));
  if (verdict.healthy) throw new Error('unreachable');

  it('keeps the step as the corpus stores it, how the server ended and its last log lines', () => {
    const logs = `${Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n')}\n\n`;
    const crash = buildCrashRecord({ n: 2, step, verdict, logs, atMs: 1234.56, restartEpoch: 21 });
    expect(crash).toMatchObject({
      n: 2,
      step,
      reason: 'exited on SIGKILL (exit code 137)',
      exit: { exitCode: 137, signal: 'SIGKILL' },
      atMs: 1235,
      restartEpoch: 21,
    });
    expect(crash.logTail).toHaveLength(20);
    expect(crash.logTail[0]).toBe('line 11');
    expect(crash.logTail.at(-1)).toBe('line 30');
  });

  it('drops empty and trailing-space lines of the log', () => {
    expect(logTail('a  \n\n  \nb\r\n')).toEqual(['a', 'b']);
    expect(logTail('')).toEqual([]);
  });

  it('names the step as one line', () => {
    expect(describeStep(step)).toBe('unit 14 (GET /x)');
    const lifecycle: UnitRecord = {
      kind: 'lifecycle',
      index: 9,
      epoch: 9,
      role: 'sample',
      family: 'lifecycle:reload',
      description: 'signal SIGHUP',
      startedMs: 0,
      durationMs: 0,
      action: { kind: 'signal', name: 'reload', signal: 'SIGHUP', settleMs: 0 },
      healthyAfter: false,
      detail: '',
    };
    expect(describeStep(lifecycle)).toBe('lifecycle 9 (signal SIGHUP)');
  });
});

describe('crashes in a row', () => {
  it(`stops at the ${MAX_CRASHES_IN_A_ROW}rd in a row`, () => {
    const streak = new CrashStreak();
    expect([streak.crashed(), streak.crashed(), streak.crashed()]).toEqual([false, false, true]);
    expect(streak.count).toBe(3);
  });

  it('a healthy step between crashes starts the count again', () => {
    const streak = new CrashStreak(2);
    expect(streak.crashed()).toBe(false);
    streak.healthy();
    expect(streak.crashed()).toBe(false);
    expect(streak.crashed()).toBe(true);
  });
});
