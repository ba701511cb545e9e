import { describe, expect, it } from 'vitest';
import { createTcpGenerator, tcpGenerator, TCP_ENDINGS, type TcpUnit } from '../../../../generators/tcp/index.js';

const MAX_STEPS = 8;

/** The bounds every unit keeps, generated or mutated. */
function expectWithinBounds(unit: TcpUnit, limits: { maxConnections: number; maxBytes: number; holdMs: number }): void {
  expect(unit.connections.length).toBeGreaterThan(0);
  expect(unit.connections.length).toBeLessThanOrEqual(limits.maxConnections);
  if (unit.family !== 'burst' && unit.family !== 'connect-close') expect(unit.connections).toHaveLength(1);
  for (const plan of unit.connections) {
    expect(TCP_ENDINGS).toContain(plan.ending);
    // Idle time stays within the budget a unit is given: holds up to holdMs, trickles under 2 s.
    const idle = plan.steps.reduce((ms, s) => ms + (s.kind === 'pause' ? s.ms : s.kind === 'trickle' ? s.data.length * s.pauseMs : 0), 0);
    expect(idle).toBeLessThanOrEqual(Math.max(limits.holdMs, 48 * 40));
    expect(plan.steps.length).toBeLessThanOrEqual(MAX_STEPS);
    if (unit.family === 'connect-close') expect(plan.steps).toEqual([]);
    if (unit.family === 'hold') expect(plan.steps.some((s) => s.kind === 'pause')).toBe(true);
    for (const step of plan.steps) {
      if (step.kind === 'random') {
        expect(step.size).toBeGreaterThanOrEqual(1);
        expect(step.size).toBeLessThanOrEqual(limits.maxBytes);
        expect(Number.isInteger(step.seed)).toBe(true);
      }
      if (step.kind === 'pause') expect(step.ms).toBeLessThanOrEqual(limits.holdMs);
      if (step.kind === 'send' || step.kind === 'trickle') {
        expect(step.data.length).toBeGreaterThan(0);
        expect(step.data).toMatch(/^[\x00-\xff]+$/);
      }
    }
  }
}

const DEFAULT_LIMITS = { maxConnections: 8, maxBytes: 65536, holdMs: 3000 };

describe('TCP unit generation', () => {
  it('generates units of the family asked for, deterministically, as plain JSON', () => {
    expect(tcpGenerator.name).toBe('tcp');
    expect(tcpGenerator.families).toEqual([
      'tcp:connect-close',
      'tcp:hold',
      'tcp:half-close',
      'tcp:reset',
      'tcp:random-bytes',
      'tcp:recorded-bytes',
      'tcp:slow',
      'tcp:burst',
    ]);
    for (const family of tcpGenerator.families) {
      for (let seed = 0; seed < 40; seed++) {
        const unit = tcpGenerator.generate(family, seed);
        expect(tcpGenerator.family(unit)).toBe(family);
        expect(tcpGenerator.generate(family, seed)).toEqual(unit);
        expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
        expect(tcpGenerator.describe(unit).startsWith(family)).toBe(true);
        expectWithinBounds(unit, DEFAULT_LIMITS);
      }
    }
    expect(tcpGenerator.generate('hold', 3)).toEqual(tcpGenerator.generate('tcp:hold', 3));
    expect(() => tcpGenerator.generate('tcp:gopher', 1)).toThrow(/tcp generator has no family 'tcp:gopher'/);
  });

  it('streams every family, the same units for the same seed and others for another', () => {
    const take = (seed: number): TcpUnit[] => {
      const units = tcpGenerator.units(seed);
      return Array.from({ length: 200 }, () => units.next().value as TcpUnit);
    };
    const units = take(7);
    expect(take(7)).toEqual(units);
    expect(take(8)).not.toEqual(units);
    expect(new Set(units.map((u) => tcpGenerator.family(u)))).toEqual(new Set(tcpGenerator.families));
    for (const unit of units) expectWithinBounds(unit, DEFAULT_LIMITS);
  });

  it('draws random payloads from 1 B to 64 KiB, and keeps to the families and sizes asked for', () => {
    const sizes = Array.from({ length: 200 }, (_, seed) => tcpGenerator.generate('tcp:random-bytes', seed))
      .flatMap((u) => u.connections.flatMap((c) => c.steps))
      .flatMap((s) => (s.kind === 'random' ? [s.size] : []));
    expect(Math.min(...sizes)).toBeLessThanOrEqual(16);
    expect(Math.max(...sizes)).toBeGreaterThan(32 * 1024);
    const small = createTcpGenerator({ families: ['random-bytes', 'burst'], maxBytes: 100, maxConnections: 3 });
    const stream = small.units(1);
    for (let i = 0; i < 100; i++) {
      const unit = stream.next().value as TcpUnit;
      expect(['random-bytes', 'burst']).toContain(unit.family);
      expectWithinBounds(unit, { maxConnections: 3, maxBytes: 100, holdMs: 3000 });
    }
  });

  it('sends the target messages as their UTF-8 bytes', () => {
    const generator = createTcpGenerator({ messages: ['stats\r\n', 'get café\r\n'], families: ['recorded-bytes'] });
    const sent = new Set(
      Array.from({ length: 100 }, (_, seed) => generator.generate('tcp:recorded-bytes', seed)).flatMap((u) =>
        u.connections.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'send' ? [s.data] : []))),
      ),
    );
    expect(sent).toContain('stats\r\n');
    expect(sent).toContain(Buffer.from('get café\r\n', 'utf8').toString('latin1'));
    expect(sent).toContain('HELP\r\n');
  });

  it('mutates a kept unit into a unit of the same family within bounds, deterministically', () => {
    let changed = 0;
    const limits = { maxConnections: 6, maxBytes: 4096, holdMs: 500 };
    const generator = createTcpGenerator(limits);
    for (const family of generator.families) {
      const parent = generator.generate(family, 7);
      for (let seed = 0; seed < 30; seed++) {
        const donor = generator.generate(generator.families[seed % generator.families.length]!, seed);
        const child = generator.mutate(parent, seed, donor);
        expect(generator.mutate(parent, seed, donor)).toEqual(child);
        expect(generator.family(child)).toBe(family);
        expect(JSON.parse(JSON.stringify(child))).toEqual(child);
        expectWithinBounds(child, limits);
        if (JSON.stringify(child) !== JSON.stringify(parent)) changed++;
        // A mutant mutates again.
        expectWithinBounds(generator.mutate(child, seed + 1), limits);
      }
    }
    expect(changed).toBeGreaterThan(200);
  });
});
