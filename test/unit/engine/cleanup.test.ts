import { describe, expect, it } from 'vitest';
import { CleanupStack } from '../../../src/engine/cleanup.js';

describe('CleanupStack', () => {
  it('undoes in reverse order, each step once, past failures', async () => {
    const stack = new CleanupStack();
    const done: string[] = [];
    stack.defer('a', async () => void done.push('a'));
    stack.defer('b', async () => {
      done.push('b');
      throw new Error('boom');
    });
    stack.defer('c', async () => void done.push('c'));
    expect(await stack.runAll()).toEqual(['b: boom']);
    expect(done).toEqual(['c', 'b', 'a']);
    expect(await stack.runAll()).toEqual([]);
    expect(done).toHaveLength(3);
  });

  it('runs a step early through its handle and not again later', async () => {
    const stack = new CleanupStack();
    let runs = 0;
    const early = stack.defer('x', async () => void runs++);
    await early();
    await early();
    await stack.runAll();
    expect(runs).toBe(1);
    expect(stack.pending).toBe(0);
  });
});
