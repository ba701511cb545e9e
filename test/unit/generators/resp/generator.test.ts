import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRespGenerator, recordedGrammar, RESP_FAMILIES, respGenerator, type RespUnit } from '../../../../generators/resp/index.js';
import { fullName } from '../../../../generators/resp/grammar/grammar.js';
import { MAX_CONNECTIONS } from '../../../../generators/resp/unit.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { checkSafety } from './safety.js';
import { isPlainJson, sentCommands } from './unit-inspection.js';

const known = new Set(recordedGrammar().commands.map(fullName));
// Containers answer without a subcommand (COMMAND alone lists every command).
for (const c of recordedGrammar().commands) known.add(c.words[0]!.toLowerCase());

function take<T>(iterator: Iterator<T>, n: number): T[] {
  return Array.from({ length: n }, () => iterator.next().value as T);
}

function checkUnit(unit: RespUnit, maxSteps = 12): void {
  expect(unit.steps.length).toBeGreaterThan(0);
  expect(unit.steps.length).toBeLessThanOrEqual(maxSteps);
  expect(isPlainJson(unit)).toBe(true);
  expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
  for (const step of unit.steps) if ('conn' in step) expect(step.conn).toBeLessThan(MAX_CONNECTIONS);
  for (const command of sentCommands(unit)) expect(known.has(command.key), command.words.join(' ')).toBe(true);
  expect(checkSafety(unit)).toEqual([]);
}

describe('redis generator', () => {
  it('lists every family with the redis: prefix, command groups included', () => {
    expect(respGenerator.name).toBe('redis');
    expect(respGenerator.families).toEqual(RESP_FAMILIES.map((f) => `redis:${f}`));
    for (const f of ['redis:string', 'redis:sorted-set', 'redis:persistence', 'redis:blocking', 'redis:multi', 'redis:malformed']) {
      expect(respGenerator.families).toContain(f);
    }
  });

  it('gives the same 50 units for the same seed, other units for another', () => {
    const a = take(respGenerator.units(11), 50);
    expect(take(createRespGenerator().units(11), 50)).toEqual(a);
    expect(take(respGenerator.units(12), 50)).not.toEqual(a);
    expect(new Set(a.map((u) => u.family)).size).toBeGreaterThan(12);
  });

  it('generates every family without a server, deterministically, as valid JSON units', () => {
    for (const family of respGenerator.families) {
      for (let seed = 0; seed < 25; seed++) {
        const unit = respGenerator.generate(family, seed);
        expect(respGenerator.generate(family, seed)).toEqual(unit);
        expect(respGenerator.family(unit)).toBe(family);
        checkUnit(unit);
      }
    }
  });

  it('only ever sends commands the grammar knows, and never an excluded one (many seeds)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...respGenerator.families), fc.integer({ min: 0, max: 2 ** 40 }), (family, seed) => {
        checkUnit(respGenerator.generate(family, seed));
      }),
      { numRuns: 1500 },
    );
  });

  it('mutates deterministically into valid units of the same family', () => {
    const units = take(respGenerator.units(5), 60);
    let changed = 0;
    units.forEach((parent, i) => {
      const donor = units[(i + 7) % units.length]!;
      const child = respGenerator.mutate(parent, 1000 + i, donor);
      expect(respGenerator.mutate(parent, 1000 + i, donor)).toEqual(child);
      expect(child.family).toBe(parent.family);
      checkUnit(child);
      if (JSON.stringify(child) !== JSON.stringify(parent)) changed++;
      const grandchild = respGenerator.mutate(child, 2000 + i);
      checkUnit(grandchild);
    });
    expect(changed).toBeGreaterThan(45);
  });

  it('moves keys within their pool when it mutates them', () => {
    const parent: RespUnit = { family: 'string', steps: [{ kind: 'command', conn: 0, args: ['SET', 'str:3', 'v'] }] };
    const keys = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      for (const c of sentCommands(respGenerator.mutate(parent, seed))) if (c.words[1]?.startsWith('str:')) keys.add(c.words[1]);
    }
    expect(keys.size).toBeGreaterThan(3);
    for (const k of keys) expect(Number(k.slice(4))).toBeLessThan(8);
  });

  it('describes units in one stable line of at most 160 characters', () => {
    for (const unit of take(respGenerator.units(3), 100)) {
      const line = respGenerator.describe(unit);
      expect(line).toBe(respGenerator.describe(JSON.parse(JSON.stringify(unit)) as RespUnit));
      expect(line.length).toBeLessThanOrEqual(160);
      expect(line).not.toContain('\n');
      expect(line.startsWith(`${respGenerator.family(unit)}: `)).toBe(true);
    }
  });

  it('honours its constraints', () => {
    const small = createRespGenerator({ maxCommandsPerUnit: 5, keyPoolSize: 2, blockingTimeoutMs: 50, maxValueBytes: 128 * 1024 });
    for (const family of small.families) {
      for (let seed = 0; seed < 30; seed++) {
        const unit = small.generate(family, seed);
        checkUnit(unit, 5);
        for (const c of sentCommands(unit)) {
          for (const w of c.words.slice(1)) {
            const pool = /^(str|list|hash|set|zset|stream|geo|hll|bitmap):(\d+)$/.exec(w);
            if (pool) expect(Number(pool[2]), c.words.join(' ')).toBeLessThan(2);
          }
        }
        for (const step of unit.steps) {
          if (step.kind !== 'command') continue;
          for (const a of step.args) if (typeof a !== 'string') expect(a.kind === 'blob' ? a.size : a.count * a.size).toBeLessThanOrEqual(128 * 1024);
        }
      }
    }
  });

  it('refuses unknown families and unsafe seeds with a UsageError', () => {
    expect(() => respGenerator.generate('redis:nosuch', 1)).toThrow(UsageError);
    expect(() => respGenerator.generate('http:get', 1)).toThrow(/known: redis:generic/);
    expect(respGenerator.generate('list', 1)).toEqual(respGenerator.generate('redis:list', 1));
    expect(() => respGenerator.generate('redis:list', 2 ** 60)).toThrow(UsageError);
    expect(() => respGenerator.units(1.5).next()).toThrow(UsageError);
  });
});
