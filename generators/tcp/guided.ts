import fc from 'fast-check';
import { UsageError } from '../../src/shared/errors.js';
import type { TcpContext } from './arbitraries/context.js';
import { FAMILY_ARBITRARIES } from './arbitraries/tcp-unit.js';
import { mutateUnit } from './mutate.js';
import type { TcpFamily, TcpUnit } from './unit.js';

// Same fixed parameters as the stream: a global fast-check configuration must not change units.
const SAMPLE = { randomType: 'xorshift128plus', unbiased: false } as const;

const PREFIX = 'tcp:';

/** 'tcp:hold' (or plain 'hold') -> 'hold'; a UsageError naming the enabled families otherwise. */
export function familyName(family: string, enabled: readonly TcpFamily[]): TcpFamily {
  const bare = family.startsWith(PREFIX) ? family.slice(PREFIX.length) : family;
  if (!(enabled as readonly string[]).includes(bare)) {
    throw new UsageError(`tcp generator has no family '${family}' (known: ${enabled.map((f) => PREFIX + f).join(', ')})`);
  }
  return bare as TcpFamily;
}

/**
 * Guided generation for the TCP generator: one unit of a chosen family, and mutations of kept
 * units. Deterministic for (family, seed, what `prepare` learned).
 */
export function createGuidedTcp(ctx: TcpContext) {
  const arbitraries = new Map(ctx.c.families.map((f) => [f, FAMILY_ARBITRARIES[f].build(ctx)]));

  function generate(family: string, seed: number): TcpUnit {
    const arb = arbitraries.get(familyName(family, ctx.c.families))!;
    // fast-check grows sizes over a sample's runs: the seed also picks how far in to take the value.
    const runs = 1 + (Math.abs(seed) % 32);
    return fc.sample(arb, { ...SAMPLE, seed, numRuns: runs }).at(-1)!;
  }

  function mutate(parent: TcpUnit, seed: number, donor?: TcpUnit): TcpUnit {
    const freshSeed = fc.sample(fc.integer(), { ...SAMPLE, seed: seed ^ 0x5bd1e995, numRuns: 1 })[0]!;
    return mutateUnit(parent, seed, generate(parent.family, freshSeed), ctx, donor);
  }

  return { families: ctx.c.families.map((f) => PREFIX + f), generate, mutate };
}
