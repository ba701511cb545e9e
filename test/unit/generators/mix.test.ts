import { describe, expect, it } from 'vitest';
import { mixGenerators, type MixedUnit } from '../../../generators/mix.js';
import type { GuidedGenerator } from '../../../generators/types.js';

/** A generator whose units say who made them and how, so the mix's dispatch shows in them. */
function fake(
  name: string,
  families: string[],
  prepared: string[] = [],
): GuidedGenerator<{ by: string; family: string; seed: number; mutated?: number; donor?: unknown }> {
  return {
    name,
    families,
    async prepare() {
      prepared.push(name);
    },
    *units(seed) {
      for (let i = 0; ; i++) yield { by: name, family: families[i % families.length]!, seed: seed + i };
    },
    generate: (family, seed) => ({ by: name, family, seed }),
    mutate: (parent, seed, donor) => ({ ...parent, mutated: seed, donor }),
    family: (u) => u.family,
    describe: (u) => `${u.by} ${u.family}`,
    execute: async (u) => ({ answers: [`ok ${u.by}`] }),
  };
}

describe('mixGenerators', () => {
  it('is the generator itself when there is one: a plain target keeps its units and corpus', () => {
    const g = fake('http', ['http:get']);
    expect(mixGenerators([g])).toBe(g);
  });

  it('unions families and dispatches generate, mutate, family, describe and execute to the owner', async () => {
    const prepared: string[] = [];
    const mix = mixGenerators([fake('http', ['http:get', 'http:range'], prepared), fake('openapi', ['openapi:POST /items'], prepared)]);
    expect(mix.name).toBe('http+openapi');
    expect(mix.families).toEqual(['http:get', 'http:range', 'openapi:POST /items']);
    await mix.prepare!({ host: '127.0.0.1', port: 1 }, { timeoutMs: 1 });
    expect(prepared).toEqual(['http', 'openapi']);
    const unit = mix.generate('openapi:POST /items', 7) as MixedUnit;
    expect(unit).toEqual({ via: 'openapi', unit: { by: 'openapi', family: 'openapi:POST /items', seed: 7 } });
    expect(mix.family(unit)).toBe('openapi:POST /items');
    expect(mix.describe(unit)).toBe('openapi openapi:POST /items');
    expect(await mix.execute(unit, { host: '127.0.0.1', port: 1 }, { timeoutMs: 1 })).toEqual({ answers: ['ok openapi'] });
    // A donor of another generator is no donor: splicing across protocols makes no unit.
    const other = mix.generate('http:get', 1);
    expect(mix.mutate(unit, 3, other)).toEqual({ via: 'openapi', unit: { ...(unit.unit as object), mutated: 3, donor: undefined } });
    expect(() => mix.generate('redis:get', 1)).toThrow("no generator has the family 'redis:get'");
  });

  it('interleaves the streams deterministically, each in proportion to its families', () => {
    const mix = mixGenerators([fake('http', ['h1', 'h2', 'h3']), fake('workload', ['w'])]);
    const take = (seed: number): MixedUnit[] => {
      const it = mix.units(seed);
      return Array.from({ length: 400 }, () => it.next().value as MixedUnit);
    };
    expect(take(5)).toEqual(take(5));
    expect(take(5)).not.toEqual(take(6));
    const share = take(5).filter((u) => u.via === 'workload').length / 400;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
  });

  it('refuses two generators of one name', () => {
    expect(() => mixGenerators([fake('http', ['a']), fake('http', ['b'])])).toThrow(/share a name/);
  });
});
