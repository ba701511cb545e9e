import fc from 'fast-check';
import { FAMILY_ARBITRARIES } from './arbitraries/http-unit.js';
import { safeConnectionCount } from './arbitraries/connections.js';
import type { ResolvedHttpConstraints } from './constraints.js';
import type { HttpFamily, HttpUnit } from './unit.js';

// Same fixed parameters as the stream: a global fast-check configuration must not change units.
const SAMPLE = { randomType: 'xorshift128plus', unbiased: false } as const;
const MAX_ITEMS = 128;

/** 'http:range' -> 'range'. */
export function familyName(family: string): HttpFamily {
  return (family.startsWith('http:') ? family.slice(5) : family) as HttpFamily;
}

/**
 * Guided generation for the HTTP generator: one unit of a chosen family, and mutations of kept
 * units (insert, replace, delete, splice at request/message level). Deterministic for a seed.
 */
export function createGuidedHttp(c: ResolvedHttpConstraints) {
  const arbitraries = new Map(c.families.map((f) => [f, FAMILY_ARBITRARIES[f].build(c)]));

  function generate(family: string, seed: number): HttpUnit {
    const arb = arbitraries.get(familyName(family));
    if (!arb) throw new Error(`http generator has no family '${family}'`);
    // fast-check grows sizes over a sample's runs: the seed also picks how far in to take the value.
    const runs = 1 + (Math.abs(seed) % 32);
    return fc.sample(arb, { ...SAMPLE, seed, numRuns: runs }).at(-1)!;
  }

  function mutate(parent: HttpUnit, seed: number, donor?: HttpUnit): HttpUnit {
    const [op, at, from, freshSeed] = fc.sample(
      fc.tuple(fc.constantFrom('insert', 'replace', 'delete', 'splice'), fc.nat(), fc.nat(), fc.integer()),
      { ...SAMPLE, seed, numRuns: 1 },
    )[0]!;
    const items: unknown[] = parent.kind === 'client' ? [...parent.requests] : [...parent.messages];
    const fresh = generate(parent.family, freshSeed);
    const freshItems: unknown[] = fresh.kind === 'client' ? [...fresh.requests] : [...fresh.messages];
    const sameKind = (u: HttpUnit | undefined): u is HttpUnit => u !== undefined && u.kind === parent.kind;
    const pick = (list: unknown[]): unknown => list[from % list.length];
    if (op === 'delete' && items.length > 1) items.splice(at % items.length, 1);
    else if (op === 'replace' && fresh.kind === parent.kind) items[at % items.length] = pick(freshItems);
    else if (op === 'splice' && sameKind(donor)) {
      const donorItems: unknown[] = donor.kind === 'client' ? [...donor.requests] : [...donor.messages];
      items.splice(at % (items.length + 1), items.length, ...donorItems.slice(from % donorItems.length));
    } else if (fresh.kind === parent.kind) items.splice(at % (items.length + 1), 0, pick(freshItems));
    const bounded = items.slice(0, MAX_ITEMS);
    if (parent.kind === 'client') {
      const requests = bounded as typeof parent.requests extends readonly (infer R)[] ? R[] : never;
      return { ...parent, requests, connections: safeConnectionCount(requests, parent.connections) };
    }
    return { ...parent, messages: bounded as typeof parent.messages extends readonly (infer M)[] ? M[] : never };
  }

  return { families: c.families.map((f) => `http:${f}`), generate, mutate };
}
