import { expect } from 'vitest';
import type { SandfuzzError } from '../../src/shared/errors.js';
import type { FakeWorld } from './world.js';

/** What a row of a failure table expects when the call under test throws. */
export interface ErrorExpectation {
  /** The error it ends with; absent: it must not throw. */
  readonly error?: abstract new (
    ...args: never[]
  ) => SandfuzzError;
  readonly exitCode?: number;
  readonly message?: RegExp;
  /** The row holds whether it throws `error` or ends normally (another part of the engine decides which). */
  readonly either?: boolean;
}

export type Settled<T> = { readonly value: T } | { readonly error: unknown };

export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** Runs the cleanup stack as the CLI handler does; then nothing the fakes saw started may be left. */
export async function expectCleanedUp(w: FakeWorld): Promise<void> {
  expect(await w.finish()).toEqual([]);
  expect(w.runtime.leftovers().map((c) => `${c.id} (${c.purpose})`)).toEqual([]);
  expect(w.tracers.leftovers()).toEqual([]);
}

/** Checks a settled call against its row: the error class, exit code and one-line message. Returns the value, if any. */
export function expectOutcome<T>(outcome: Settled<T>, row: ErrorExpectation): T | undefined {
  if ('error' in outcome) {
    if (!row.error) throw outcome.error;
    expect(outcome.error).toBeInstanceOf(row.error);
    expect((outcome.error as SandfuzzError).exitCode).toBe(row.exitCode);
    expect((outcome.error as Error).message).not.toContain('\n');
    if (row.message) expect((outcome.error as Error).message).toMatch(row.message);
    return undefined;
  }
  if (row.error && !row.either) throw new Error(`expected ${row.error.name}, it ended normally`);
  return outcome.value;
}
