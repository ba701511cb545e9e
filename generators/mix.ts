import type { Endpoint, ExecuteOptions, GuidedGenerator, UnitResult } from './types.js';

/** A unit of a mixed workload: which generator made it, and its own unit. Plain JSON. */
export interface MixedUnit {
  readonly via: string;
  readonly unit: unknown;
}

/** Mulberry32: a tiny seeded generator, enough to interleave streams reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Several generators as one: the protocol's generic generator, an OpenAPI-driven one, the team's
 * own commands. Families are the union (each generator's names are prefixed already: 'http:',
 * 'openapi:', 'workload:'), so guidance weights all of them together. A single generator is
 * returned as it is, so a plain target's units and corpus stay what they were.
 */
export function mixGenerators(parts: readonly GuidedGenerator[]): GuidedGenerator {
  if (parts.length === 0) throw new Error('mixGenerators needs at least one generator');
  if (parts.length === 1) return parts[0]!;
  const byName = new Map(parts.map((g) => [g.name, g]));
  if (byName.size !== parts.length) throw new Error(`mixGenerators: two generators share a name (${parts.map((g) => g.name).join(', ')})`);
  const owner = (family: string): GuidedGenerator => {
    const g = parts.find((p) => p.families.includes(family));
    if (!g) throw new Error(`no generator has the family '${family}'`);
    return g;
  };
  const partOf = (unit: MixedUnit): GuidedGenerator => {
    const g = byName.get(unit.via);
    if (!g) throw new Error(`no generator '${unit.via}' in this workload`);
    return g;
  };
  return {
    name: parts.map((g) => g.name).join('+'),
    // A getter: an OpenAPI generator knows its operations only after prepare.
    get families() {
      return parts.flatMap((g) => g.families);
    },
    async prepare(endpoint: Endpoint, options: ExecuteOptions): Promise<void> {
      for (const g of parts) await g.prepare?.(endpoint, options);
    },
    *units(seed: number) {
      // Each generator's share of the stream is its share of the families.
      const streams = parts.map((g) => g.units(seed));
      const random = seeded(seed);
      for (;;) {
        const weights = parts.map((g) => Math.max(1, g.families.length));
        let pick = random() * weights.reduce((a, b) => a + b, 0);
        let i = 0;
        while (pick >= weights[i]! && i < parts.length - 1) pick -= weights[i++]!;
        yield { via: parts[i]!.name, unit: streams[i]!.next().value } satisfies MixedUnit;
      }
    },
    generate(family: string, seed: number): MixedUnit {
      const g = owner(family);
      return { via: g.name, unit: g.generate(family, seed) };
    },
    mutate(parent: unknown, seed: number, donor?: unknown): MixedUnit {
      const p = parent as MixedUnit;
      const d = donor as MixedUnit | undefined;
      const g = partOf(p);
      return { via: p.via, unit: g.mutate(p.unit, seed, d?.via === p.via ? d.unit : undefined) };
    },
    family: (unit) => partOf(unit as MixedUnit).family((unit as MixedUnit).unit),
    describe: (unit) => partOf(unit as MixedUnit).describe((unit as MixedUnit).unit),
    execute(unit: unknown, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
      return partOf(unit as MixedUnit).execute((unit as MixedUnit).unit, endpoint, options);
    },
  };
}
