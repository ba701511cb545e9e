import { describe, expect, it } from 'vitest';
import { errorAnswer, rowsDigest, successAnswer } from '../../../../generators/sql/_internals/answers.js';
import { summarize, type PgResult } from '../../../../generators/sql/_internals/query-answer.js';
import { allowedDetail, isVolatileSql } from '../../../../generators/sql/_internals/volatility.js';
import { answerClass } from '../../../../generators/types.js';
import type { ResultDetail } from '../../../../generators/sql/unit.js';

function result(command: string, rows: (string | null)[][], fields = rows[0]?.length ?? 0): PgResult {
  return { command, rowCount: rows.length, oid: 0, fields: Array.from({ length: fields }, () => ({}) as never), rows };
}

function answerFor(sql: string, detail: ResultDetail, rows: (string | null)[][]): string {
  return successAnswer(summarize(result('SELECT', rows)), allowedDetail(sql, detail));
}

// Statements whose values differ between two healthy runs, with values such a run could return.
const VOLATILE: readonly (readonly [string, string])[] = [
  ['SELECT pg_backend_pid()', '4711'],
  ['SELECT now()', '2024-05-01 10:00:00.123+00'],
  ['SELECT clock_timestamp()::text', '2024-05-01 10:00:00.456+00'],
  ['SELECT random()', '0.318'],
  ["SELECT pg_database_size('postgres')", '7901667'],
  ["SELECT pg_size_pretty(pg_total_relation_size('sf_t0'))", '1624 kB'],
  ['SELECT ctid, xmin FROM sf_t0 LIMIT 1', '(0,1)'],
  ["SELECT oid FROM pg_class WHERE relname = 'sf_t0'", '16384'],
  ['SELECT count(*) FROM pg_stat_activity', '7'],
  ['SELECT temp_files FROM pg_stat_database', '12'],
  ['SELECT pg_current_wal_lsn()', '0/1A2B3C4'],
  ['SELECT pg_switch_wal()', '0/2000000'],
  ['SELECT txid_current()', '771'],
  ['EXPLAIN (ANALYZE) SELECT 1', 'Result (actual time=0.001..0.002 rows=1 loops=1)'],
  ['SHOW log_statement', 'all'],
  ["SELECT current_setting('autovacuum_naptime')", '1s'],
  ["SELECT relfilenode FROM pg_class WHERE relname = 'sf_t0'", '16390'],
  ['SELECT gen_random_uuid()', '0b6c2a3e-5a8f-4e55-9a8f-0d1b2c3d4e5f'],
  ['SELECT count(*) FROM sf_t0 TABLESAMPLE SYSTEM (10) REPEATABLE (1)', '213'],
  ["SELECT nextval('sf_seq0')", '33'],
];

describe('sql answers', () => {
  it.each(VOLATILE)('answers %s with its command class only', (sql, value) => {
    expect(isVolatileSql(sql)).toBe(true);
    for (const detail of ['rows', 'count', 'class'] as const) {
      const answer = answerFor(sql, detail, [[value]]);
      expect(answer).toBe('00 SELECT');
      expect(answer).not.toContain(value);
    }
  });

  it.each([
    ['SELECT count(*), sum(k) FROM sf_t0', 'rows'],
    ["SELECT pg_ls_dir('.') ORDER BY 1", 'rows'],
    ["SELECT pg_read_file('PG_VERSION')", 'rows'],
    ['SELECT pg_advisory_unlock_all()', 'rows'],
    ["SELECT name, setting FROM pg_settings WHERE name IN ('block_size') ORDER BY name", 'rows'],
    ['UPDATE sf_t1 SET v = upper(v) WHERE k < 10', 'count'],
  ] as const)('keeps the detail of stable %s', (sql, detail) => {
    expect(isVolatileSql(sql)).toBe(false);
    expect(allowedDetail(sql, detail)).toBe(detail);
  });

  it('formats success as class, command, count and digest, cut to the detail allowed', () => {
    const summary = summarize(
      result('SELECT', [
        ['1', 'a'],
        ['2', null],
      ]),
    );
    expect(successAnswer(summary, 'rows')).toMatch(/^00 SELECT rows=2 sha1=[0-9a-f]{8}$/);
    expect(successAnswer(summary, 'count')).toBe('00 SELECT rows=2');
    expect(successAnswer(summary, 'class')).toBe('00 SELECT');
    const insert = summarize({ command: 'INSERT', rowCount: 5, oid: 0, fields: [], rows: [] });
    expect(successAnswer(insert, 'rows')).toBe('00 INSERT rows=5');
    const batch = summarize([{ command: 'SET', rowCount: null, oid: 0, fields: [], rows: [] } as unknown as PgResult, result('SELECT', [['x']])]);
    expect(successAnswer(batch, 'rows')).toMatch(/^00 SET\+SELECT rows=1 sha1=[0-9a-f]{8}$/);
    for (const answer of [successAnswer(summary, 'rows'), successAnswer(batch, 'class')]) expect(answerClass(answer)).toBe('00');
  });

  it('digests rows without regard to their order', () => {
    expect(rowsDigest([['1'], ['2'], [null]])).toBe(rowsDigest([[null], ['2'], ['1']]));
    expect(rowsDigest([['1'], ['2']])).not.toBe(rowsDigest([['1'], ['3']]));
    expect(rowsDigest([['a', 'b']])).not.toBe(rowsDigest([['ab']]));
  });

  it.each([
    ['42P01', '42 42P01'],
    ['23505', '23 23505'],
    ['57014', '57 57014'],
    ['P0001', 'P0 P0001'],
    ['not a code', 'client'],
    ['', 'client'],
  ])('answers the error %j as %j (class, then code; never the message)', (code, answer) => {
    expect(errorAnswer(code)).toBe(answer);
  });
});
