import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../../../generators/index.js';
import { createSqlGenerator, DEFAULT_CATALOG, sqlGenerator, SQL_FAMILY_NAMES, withSeedSchema } from '../../../../generators/sql/index.js';
import type { SqlCatalog, SqlUnit } from '../../../../generators/sql/index.js';
import { resolveSqlConstraints } from '../../../../generators/sql/constraints.js';
import { generateUnit } from '../../../../generators/sql/generate.js';
import { UsageError } from '../../../../src/shared/errors.js';

const SEEDS_PER_FAMILY = 50;

function take(iterator: Iterator<SqlUnit>, count: number): SqlUnit[] {
  return Array.from({ length: count }, () => iterator.next().value as SqlUnit);
}

describe('sql generation', () => {
  it('is registered as postgres', () => {
    expect(createGenerator('postgres').name).toBe('postgres');
  });

  it('offers every family, as sql:<name>', () => {
    expect(sqlGenerator.families).toEqual(SQL_FAMILY_NAMES.map((f) => `sql:${f}`));
    expect(sqlGenerator.families).toContain('sql:spill');
    expect(sqlGenerator.families).toContain('sql:malformed');
  });

  it(`gives the same unit for the same (family, seed): ${SEEDS_PER_FAMILY} seeds per family, two instances`, () => {
    const other = createSqlGenerator();
    for (const family of sqlGenerator.families) {
      for (let seed = 0; seed < SEEDS_PER_FAMILY; seed++) {
        const unit = sqlGenerator.generate(family, seed);
        expect(other.generate(family, seed)).toEqual(unit);
        expect(sqlGenerator.family(unit)).toBe(family);
      }
    }
  });

  it('makes plain JSON units that survive a round trip, with 1..maxStepsPerUnit steps and a short description', () => {
    for (const family of sqlGenerator.families) {
      for (let seed = 0; seed < SEEDS_PER_FAMILY; seed++) {
        const unit = sqlGenerator.generate(family, seed);
        expect(JSON.parse(JSON.stringify(unit))).toStrictEqual(unit);
        expect(unit.steps.length).toBeGreaterThanOrEqual(1);
        expect(unit.steps.length).toBeLessThanOrEqual(10);
        expect(sqlGenerator.describe(unit).length).toBeLessThanOrEqual(160);
        expect(sqlGenerator.describe(unit)).toMatch(new RegExp(`^${family}`));
      }
    }
  });

  it('streams units deterministically, every family appearing, different seeds differing', () => {
    const first = take(sqlGenerator.units(42), 400);
    expect(take(createSqlGenerator().units(42), 400)).toEqual(first);
    expect(new Set(first.map((u) => u.family))).toEqual(new Set(SQL_FAMILY_NAMES));
    expect(take(sqlGenerator.units(43), 50)).not.toEqual(first.slice(0, 50));
  });

  it('refuses a family it does not know, and unsafe seeds', () => {
    expect(() => sqlGenerator.generate('sql:gopher', 1)).toThrow(UsageError);
    expect(() => sqlGenerator.generate('http:get', 1)).toThrow(UsageError);
    expect(sqlGenerator.generate('spill', 3)).toEqual(sqlGenerator.generate('sql:spill', 3));
    expect(() => sqlGenerator.units(Number.NaN).next()).toThrow(UsageError);
  });

  it('follows its constraints: step cap, database prefix, big rows, families', () => {
    const small = createSqlGenerator({ maxStepsPerUnit: 3, databasePrefix: 'sf_mine_', bigRows: 30_000, families: ['spill', 'database'] });
    expect(small.families).toEqual(['sql:spill', 'sql:database']);
    for (const unit of take(small.units(5), 200)) {
      expect(['spill', 'database']).toContain(unit.family);
      expect(unit.steps.length).toBeLessThanOrEqual(3);
      for (const step of unit.steps) {
        if (!('sql' in step)) continue;
        for (const [, name] of step.sql.matchAll(/DATABASE (?:IF EXISTS )?(\w+)/g)) expect(name).toMatch(/^sf_mine_\d(_r)?$/);
        for (const [, rows] of step.sql.matchAll(/generate_series\(1, (\d+)\)/g)) expect(Number(rows)).toBeLessThanOrEqual(36_000);
      }
    }
  });

  it('draws on what the catalog holds: learned tables and functions appear in queries', () => {
    const learned: SqlCatalog = withSeedSchema({
      ...DEFAULT_CATALOG,
      relations: [
        {
          name: 'sf_learned',
          kind: 'table',
          columns: [
            { name: 'k', type: 'integer', sequenced: false },
            { name: 'label', type: 'text', sequenced: false },
          ],
          key: 'k',
        },
      ],
      functions: [{ name: 'int4larger', args: ['int', 'int'], argTypes: ['integer', 'integer'], returns: 'int' }],
    });
    const c = resolveSqlConstraints();
    const sqls = Array.from({ length: 300 }, (_, seed) => generateUnit('query', seed, learned, c))
      .flatMap((u) => u.steps)
      .flatMap((s) => ('sql' in s ? [s.sql] : []));
    expect(sqls.some((s) => s.includes('sf_learned'))).toBe(true);
    expect(sqls.some((s) => s.includes('int4larger('))).toBe(true);
    // The seed schema stays available after learning, so units can still create it.
    expect(learned.relations.map((r) => r.name)).toContain('sf_t0');
  });

  it('fills the seed schema: sf_t0..sf_t7, a partitioned table, TOAST storage, index methods, views', () => {
    const sqls = Array.from({ length: 400 }, (_, seed) => sqlGenerator.generate('sql:ddl', seed))
      .flatMap((u) => u.steps)
      .flatMap((s) => ('sql' in s ? [s.sql] : []))
      .join('\n');
    for (let t = 0; t < 8; t++) expect(sqls).toContain(`sf_t${t}`);
    for (const needle of [
      'PARTITION BY RANGE',
      'SET STORAGE EXTERNAL',
      'USING gin',
      'USING gist',
      'USING brin',
      'USING hash',
      'USING spgist',
      'UNLOGGED',
      'MATERIALIZED VIEW',
      'CREATE SEQUENCE',
      'CREATE SCHEMA',
    ]) {
      expect(sqls, needle).toContain(needle);
    }
  });
});

describe('sequence-drawn columns', () => {
  // After crash recovery a sequence resumes up to 32 values ahead, depending on checkpoints: a
  // replay must never see their values, only the order they give.
  const ALLOWED_USES = [/\b(?:\w+\.)?id IN \(SELECT id FROM \w+ ORDER BY id LIMIT \d+\)/g, /ORDER BY (?:\w+\.)?id(?: DESC)?/g, /\bid AS o\b/g];

  it('marks identity and serial columns of the seed schema', () => {
    const sequenced = DEFAULT_CATALOG.relations.flatMap((r) => r.columns.filter((c) => c.sequenced).map((c) => `${r.name}.${c.name}`));
    expect(sequenced).toEqual(['sf_t0.id', 'sf_t1.id', 'sf_t2.id', 'sf_t4.id', 'sf_t5.id', 'sf_t6.id', 'sf_t7.id']);
  });

  it('never shows nor compares them in steps whose rows are answered', () => {
    for (const family of ['sql:query', 'sql:prepared', 'sql:copy', 'sql:txn', 'sql:dml']) {
      for (let seed = 0; seed < 300; seed++) {
        for (const step of sqlGenerator.generate(family, seed).steps) {
          if (!('sql' in step) || !/^(SELECT|WITH|COPY|INSERT|UPDATE|DELETE|MERGE|DECLARE|EXECUTE|PREPARE|FETCH)/.test(step.sql)) continue;
          const rest = ALLOWED_USES.reduce((sql, pattern) => sql.replace(pattern, ''), step.sql);
          expect(rest, step.sql).not.toMatch(/\bid\b/);
        }
      }
    }
  });
});
