import { describe, expect, it } from 'vitest';
import { runMany } from '../../../src/commands/run-many.js';
import { resolveRunOptions } from '../../../src/config/run-options.js';
import { OutputError } from '../../../src/shared/errors.js';
import { settle } from '../../fakes/failure-table.js';
import { fakeDefinition, FakeWorld } from '../../fakes/world.js';

describe('runMany', () => {
  it('checks every output folder before any target starts: one bad --out ends the invocation at once', async () => {
    const w = new FakeWorld();
    const item = (name: string, out: string) => ({
      definition: fakeDefinition({ name }),
      options: resolveRunOptions({ target: name, out, seed: 1, maxTime: '5s', minUnits: 10 }, { cwd: '/' }),
    });
    const outcome = await settle(runMany([item('a', '/out/a'), item('b', '/proc/b')], 2, w.runDeps()));
    expect('error' in outcome && outcome.error).toBeInstanceOf(OutputError);
    expect(w.runtime.script.calls).toEqual([]);
    expect(w.fs.list('/out')).toEqual([]);
  });
});
