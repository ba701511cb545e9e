import fc from 'fast-check';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command, pause } from '../steps.js';
import { keyArbitrary } from '../values/key-arg.js';

// Short TTLs: long enough that the reply comes back well before they run out, short enough to
// wait out. The step then sleeps past the TTL (waitMs), so every later step finds the key gone.
const MIN_TTL_MS = 20;
const MAX_TTL_MS = 300;
const TTL_MARGIN_MS = 60;

// Waits and pauses a unit may add up to, well inside a unit's deadline.
const WAIT_BUDGET_MS = 2_000;

const ttlMs = fc.integer({ min: MIN_TTL_MS, max: MAX_TTL_MS });

/** A command giving `key` a short TTL, and the step that waits it out. */
function shortTtlStep(key: fc.Arbitrary<string>): fc.Arbitrary<RespStep> {
  const seconds = fc.constant(1);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(key, ttlMs).map(([k, t]) => command(['SET', k, 'short-lived', 'PX', String(t)], 0, { waitMs: t + TTL_MARGIN_MS })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(key, ttlMs, fc.constantFrom<string[]>([], ['NX'], ['XX'], ['GT'], ['LT']))
        .map(([k, t, opt]) => command(['PEXPIRE', k, String(t), ...opt], 0, { waitMs: t + TTL_MARGIN_MS })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(key, ttlMs).map(([k, t]) => command(['PSETEX', k, String(t), 'short-lived'], 0, { waitMs: t + TTL_MARGIN_MS })),
    },
    { weight: 2, arbitrary: fc.tuple(key, ttlMs).map(([k, t]) => command(['GETEX', k, 'PX', String(t)], 0, { waitMs: t + TTL_MARGIN_MS })) },
    // Whole seconds are the other expiry clock (EXPIRE, SETEX); rarer, they cost a second.
    { weight: 1, arbitrary: fc.tuple(key, seconds).map(([k, s]) => command(['EXPIRE', k, String(s)], 0, { waitMs: s * 1000 + TTL_MARGIN_MS })) },
  );
}

/** Commands about TTLs that do not end within the unit: far-off deadlines, PERSIST, lookups. */
function ttlCommand(key: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc.oneof(
    fc.tuple(key, fc.constantFrom<string[]>([], ['NX'], ['XX'])).map(([k, opt]) => ['EXPIRE', k, '604800', ...opt]),
    key.map((k) => ['EXPIREAT', k, '4102444800']),
    // Long past: deletes at once.
    key.map((k) => ['PEXPIREAT', k, '1000000000000']),
    key.map((k) => ['PERSIST', k]),
    fc.tuple(fc.constantFrom('TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME', 'EXISTS', 'TYPE'), key).map(([cmd, k]) => [cmd, k]),
    fc.tuple(key, fc.nat({ max: 7 })).map(([k, i]) => ['SET', k, `v${i}`, 'EX', '604800']),
    fc.constant<string[]>(['DBSIZE']),
  );
}

/**
 * Keys given short TTLs (PX, PEXPIRE, PSETEX, GETEX, EXPIRE 1) and waited out, pauses so active
 * expiry (the 10 Hz cycle) reclaims them, lookups of what is left, and long TTLs set, read and
 * removed. Keys come from every pool: expiry frees lists, hashes and streams as well.
 */
export function expiryUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const { c } = inputs;
  const key = keyArbitrary(null, c.keyPoolSize);
  const step = fc.oneof(
    { weight: 3, arbitrary: shortTtlStep(key) },
    { weight: 4, arbitrary: ttlCommand(key).map((w) => command(w)) },
    { weight: 2, arbitrary: inputs.commands.writes().map((w) => command(w)) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 300 }).map((ms) => pause(ms)) },
  );
  return fc
    .array(step, { minLength: 1, maxLength: c.maxCommandsPerUnit })
    .map((steps): RespUnit => ({ family: 'expiry', steps: withinWaitBudget(steps) }));
}

/** The steps, minus the waiting ones (short TTLs, pauses) that would overrun the wait budget. */
function withinWaitBudget(steps: readonly RespStep[]): RespStep[] {
  let spent = 0;
  const kept = steps.filter((step) => {
    const cost = step.kind === 'pause' ? step.ms : step.kind === 'command' ? (step.waitMs ?? 0) : 0;
    if (cost > 0 && spent + cost > WAIT_BUDGET_MS) return false;
    spent += cost;
    return true;
  });
  return kept.length > 0 ? kept : [command(['DBSIZE'])];
}
