import fc from 'fast-check';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';
import { configSetPairsArbitrary } from '../values/config-parameters.js';

/** Commands that fork a child (BGSAVE, AOF rewrite) or write the dataset in the foreground. */
const SAVE_COMMANDS = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>(['BGSAVE']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['BGSAVE', 'SCHEDULE']) },
  { weight: 3, arbitrary: fc.constant<string[]>(['BGREWRITEAOF']) },
  { weight: 2, arbitrary: fc.constantFrom<string[]>(['CONFIG', 'SET', 'appendonly', 'yes'], ['CONFIG', 'SET', 'appendonly', 'no']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['SAVE']) },
);

const PERSISTENCE_SETTINGS = [
  'appendfsync',
  'aof-use-rdb-preamble',
  'aof-timestamp-enabled',
  'aof-rewrite-incremental-fsync',
  'rdb-save-incremental-fsync',
  'no-appendfsync-on-rewrite',
  'rdbcompression',
];

/** Settings that change how the next save or every write is persisted, and what to look at. */
const SIDE_COMMANDS = fc.oneof(
  { weight: 3, arbitrary: configSetPairsArbitrary(PERSISTENCE_SETTINGS).map((pairs) => ['CONFIG', 'SET', ...pairs]) },
  { weight: 2, arbitrary: fc.constantFrom<string[]>(['LASTSAVE'], ['INFO', 'persistence'], ['DBSIZE']) },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['CONFIG', 'GET', 'appendonly'], ['CONFIG', 'GET', 'append*']) },
);

/**
 * Saves and AOF work between writes: BGSAVE and BGREWRITEAOF fork a child (the executor waits
 * for it through INFO persistence before and after), CONFIG SET appendonly yes starts a rewrite,
 * appendfsync always makes every following write fsync. Every unit saves at least once.
 */
export function persistenceUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const max = inputs.c.maxCommandsPerUnit;
  const step = fc.oneof(
    { weight: 3, arbitrary: SAVE_COMMANDS },
    { weight: 3, arbitrary: SIDE_COMMANDS },
    { weight: 4, arbitrary: inputs.commands.writes() },
  );
  return fc.tuple(fc.array(step, { maxLength: max - 1 }), SAVE_COMMANDS, fc.nat()).map(([others, save, at]): RespUnit => {
    const words = [...others];
    words.splice(at % (others.length + 1), 0, save);
    const steps: RespStep[] = words.map((w) => command(w));
    return { family: 'persistence', steps };
  });
}
