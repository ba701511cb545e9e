import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/shared/errors.js';
import { createHttpGenerator, HTTP_FAMILIES, httpGenerator, type HttpUnit } from '../../../../generators/http/index.js';
import { takeUnits } from './take-units.js';

function bodySizes(units: readonly HttpUnit[]): number[] {
  return units.flatMap((u) =>
    u.kind === 'client' ? u.requests.map((r) => r.body?.size ?? -1) : u.messages.map((m) => (m.kind === 'request' ? (m.body?.size ?? -1) : -1)),
  );
}

function targets(units: readonly HttpUnit[]): string[] {
  return units.flatMap((u) =>
    u.kind === 'client' ? u.requests.map((r) => r.path) : u.messages.flatMap((m) => (m.kind === 'request' ? [m.target] : [])),
  );
}

describe('the HTTP unit stream', () => {
  it('replays the same first 50 units for the same seed', () => {
    const first = takeUnits(httpGenerator, 42, 50);
    expect(takeUnits(httpGenerator, 42, 50)).toStrictEqual(first);
    expect(takeUnits(createHttpGenerator(), 42, 50)).toStrictEqual(first);
    expect(JSON.parse(JSON.stringify(takeUnits(httpGenerator, 42, 50)))).toStrictEqual(first);
  });

  it('ignores fast-check global settings made elsewhere in the process', () => {
    const first = takeUnits(httpGenerator, 42, 30);
    fc.configureGlobal({ baseSize: 'xlarge', randomType: 'mersenne', unbiased: true });
    try {
      expect(takeUnits(httpGenerator, 42, 30)).toStrictEqual(first);
    } finally {
      fc.resetConfigureGlobal();
    }
  });

  it('differs between seeds, including seeds that differ only above 32 bits', () => {
    const one = JSON.stringify(takeUnits(httpGenerator, 1, 50));
    expect(JSON.stringify(takeUnits(httpGenerator, 2, 50))).not.toBe(one);
    const high = JSON.stringify(takeUnits(httpGenerator, 2 ** 40, 20));
    expect(JSON.stringify(takeUnits(httpGenerator, 2 ** 40 + 2 ** 33, 20))).not.toBe(high);
  });

  it('yields units that survive a JSON round trip with the same family and description', () => {
    for (const unit of takeUnits(httpGenerator, 3, 300)) {
      const copy = JSON.parse(JSON.stringify(unit)) as HttpUnit;
      expect(copy).toStrictEqual(unit);
      expect(httpGenerator.family(copy)).toBe(httpGenerator.family(unit));
      expect(httpGenerator.describe(copy)).toBe(httpGenerator.describe(unit));
      expect(httpGenerator.family(unit)).toMatch(new RegExp(`^http:(${HTTP_FAMILIES.join('|')})$`));
      expect(httpGenerator.describe(unit)).toMatch(/^http:\S+.{1,159}$/);
      expect(httpGenerator.describe(unit)).not.toContain('\n');
    }
  });

  it('mixes every family, empty to 2 MiB bodies, short to 10 KiB paths, 1 to 8 requests', () => {
    const units = takeUnits(httpGenerator, 5, 600);
    expect(new Set(units.map((u) => u.family))).toEqual(new Set(HTTP_FAMILIES));
    const sizes = bodySizes(units);
    expect(sizes).toContain(0);
    expect(sizes.some((s) => s > 0 && s <= 1024)).toBe(true);
    expect(sizes).toContain(64 * 1024);
    expect(sizes.some((s) => s > 1024 * 1024)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * 1024 * 1024);
    const lengths = targets(units).map((t) => t.length);
    expect(Math.min(...lengths)).toBe(1);
    expect(lengths.some((l) => l > 8 * 1024)).toBe(true);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(10 * 1024);
    // Bursts send connections x 2-4 requests by design; every other family keeps maxRequestsPerUnit.
    const counts = units.filter((u) => u.family !== 'burst').map((u) => (u.kind === 'client' ? u.requests.length : u.messages.length));
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(8);
  });

  it('refuses a seed that is not a safe integer', () => {
    expect(() => httpGenerator.units(1.5).next()).toThrow(UsageError);
    expect(() => httpGenerator.units(2 ** 60).next()).toThrow(/seed must be a safe integer/);
  });
});
