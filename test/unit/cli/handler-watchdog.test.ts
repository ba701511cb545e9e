import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortSignal, cleanup, runCliAction } from '../../../src/cli/handler.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
});

describe('one SIGTERM ends any run within 10 s, cleanup included', () => {
  it('cleans up and exits 130 even when the command never unwinds', async () => {
    vi.useFakeTimers();
    const exits: number[] = [];
    vi.spyOn(process, 'exit').mockImplementation(((code?: number) => void exits.push(code ?? 0)) as never);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let removed = false;
    cleanup.defer('remove container', async () => void (removed = true));
    // A command stuck in an await that ignores the abort signal (the case the watchdog is for).
    void runCliAction(() => new Promise(() => {}));
    process.emit('SIGTERM', 'SIGTERM');
    expect(abortSignal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(removed).toBe(true);
    expect(exits[0]).toBe(130);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(exits.every((c) => c === 130)).toBe(true);
  });
});
