import { describe, expect, it } from 'vitest';
import { httpGenerator } from '../../../../generators/http/index.js';

describe('guided HTTP generation', () => {
  it('offers every family and generates units of the family asked for, deterministically', () => {
    expect(httpGenerator.families).toContain('http:burst');
    for (const family of httpGenerator.families) {
      for (const seed of [1, 2, 99]) {
        const unit = httpGenerator.generate(family, seed);
        expect(httpGenerator.family(unit)).toBe(family);
        expect(httpGenerator.generate(family, seed)).toEqual(unit);
        expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
      }
    }
  });

  it('mutates a kept unit into a valid unit of the same family, deterministically', () => {
    let changed = 0;
    for (const family of httpGenerator.families) {
      const parent = httpGenerator.generate(family, 7);
      const donor = httpGenerator.generate(family, 8);
      for (let seed = 0; seed < 20; seed++) {
        const child = httpGenerator.mutate(parent, seed, donor);
        expect(httpGenerator.mutate(parent, seed, donor)).toEqual(child);
        expect(httpGenerator.family(child)).toBe(family);
        expect(child.kind).toBe(parent.kind);
        const items = child.kind === 'client' ? child.requests : child.messages;
        expect(items.length).toBeGreaterThan(0);
        if (child.kind === 'client') expect(child.connections).toBeLessThanOrEqual(child.requests.length);
        if (JSON.stringify(child) !== JSON.stringify(parent)) changed++;
      }
    }
    expect(changed).toBeGreaterThan(100);
  });
});
