import { describe, expect, it } from 'vitest';
import { createSqlGenerator, sqlGenerator, unitViolations } from '../../../../generators/sql/index.js';

describe('sql mutation', () => {
  it('is deterministic and keeps units valid: same family, 1..max steps, safe', () => {
    let changed = 0;
    for (const family of sqlGenerator.families) {
      const parent = sqlGenerator.generate(family, 7);
      const donor = sqlGenerator.generate(sqlGenerator.families[(sqlGenerator.families.indexOf(family) + 1) % 18]!, 8);
      for (let seed = 0; seed < 30; seed++) {
        const child = sqlGenerator.mutate(parent, seed, donor);
        expect(createSqlGenerator().mutate(parent, seed, donor)).toEqual(child);
        expect(sqlGenerator.family(child)).toBe(family);
        expect(child.steps.length).toBeGreaterThanOrEqual(1);
        expect(child.steps.length).toBeLessThanOrEqual(10);
        expect(unitViolations(child)).toEqual([]);
        expect(JSON.parse(JSON.stringify(child))).toStrictEqual(child);
        if (JSON.stringify(child) !== JSON.stringify(parent)) changed++;
      }
    }
    expect(changed).toBeGreaterThan(18 * 30 * 0.6);
  });

  it('splices with a donor, swaps table names and changes sizes', () => {
    const parent = sqlGenerator.generate('sql:dml', 11);
    const donor = sqlGenerator.generate('sql:copy', 12);
    const children = Array.from({ length: 300 }, (_, seed) => sqlGenerator.mutate(parent, seed, donor));
    const text = (u: typeof parent): string => JSON.stringify(u.steps);
    const donorSteps = new Set(donor.steps.map((s) => JSON.stringify(s)));
    expect(children.some((c) => c.steps.some((s) => donorSteps.has(JSON.stringify(s))))).toBe(true);
    const parentTables = new Set(text(parent).match(/\bsf_t\d\b/g));
    expect(children.some((c) => (text(c).match(/\bsf_t\d\b/g) ?? []).some((t) => !parentTables.has(t)))).toBe(true);
    const parentSizes: string[] = text(parent).match(/generate_series\(\d+, \d+\)/g) ?? [];
    expect(parentSizes.length).toBeGreaterThan(0);
    expect(children.some((c) => (text(c).match(/generate_series\(\d+, \d+\)/g) ?? []).some((s) => !parentSizes.includes(s)))).toBe(true);
  });

  it('gives a named statement the name of its new text when a mutation rewrites it', () => {
    for (let seed = 0; seed < 200; seed++) {
      const parent = sqlGenerator.generate('sql:prepared', seed);
      const child = sqlGenerator.mutate(parent, seed, undefined);
      const names = new Map<string, string>();
      for (const step of child.steps) {
        if (step.kind !== 'named') continue;
        // pg insists a statement name keeps one text on a connection.
        expect(names.get(step.name) ?? step.sql).toBe(step.sql);
        names.set(step.name, step.sql);
      }
    }
  });
});
