import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forbiddenReason, sqlGenerator, unitViolations } from '../../../../generators/sql/index.js';
import type { SqlUnit } from '../../../../generators/sql/index.js';
import { stepSql } from '../../../../generators/sql/safety.js';

// The test's own list, written independently of the generator's: what must never be sent.
const NEVER: readonly (readonly [string, RegExp])[] = [
  ['DROP DATABASE of a database not ours', /\bDROP\s+DATABASE\s+(?!(?:IF\s+EXISTS\s+)?sf_)/i],
  ['COPY ... TO/FROM PROGRAM', /\bPROGRAM\b/i],
  ['ALTER ROLE / USER', /\bALTER\s+(?:ROLE|USER)\b/i],
  ['terminating or cancelling backends in SQL', /\bpg_(?:terminate|cancel)_backend\b/i],
  [
    'ALTER SYSTEM of connection, auth or restart settings',
    /\bALTER\s+SYSTEM\s+SET\s+(?:listen_addresses|port|shared_buffers|max_connections|ssl\w*|hba_file|ident_file|data_directory|unix_socket\w*|password_encryption|authentication_timeout|superuser_reserved_connections)\b/i,
  ],
  ['server file writes outside /tmp', /\bCOPY\b[^;]*\bTO\s+'(?!\/tmp\/)|\blo_export\s*\([^,]+,\s*'(?!\/tmp\/)/i],
  ['server file reads outside /tmp into tables', /\bCOPY\b[^;]*\bFROM\s+'(?!\/tmp\/)|\blo_import\s*\(\s*'(?!\/tmp\/)|\bfilename\s+'(?!\/tmp\/)/i],
  ['shutdown', /\bshutdown\b|\bpg_ctl\b|\bpg_promote\b/i],
  ['dropping system schemas', /\bDROP\s+SCHEMA\s+(?:IF\s+EXISTS\s+)?(?:public|pg_catalog|information_schema)\b/i],
  ['adminpack or pg_surgery', /\bpg_file_write\b|\bheap_force_kill\b/i],
];

function neverViolations(unit: SqlUnit): string[] {
  return unit.steps.flatMap((step) => {
    const sql = stepSql(step);
    return sql === null ? [] : NEVER.filter(([, pattern]) => pattern.test(sql)).map(([what]) => `${what}: ${sql}`);
  });
}

const familyArb = fc.constantFrom(...sqlGenerator.families);
const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

describe('sql safety', () => {
  it('never generates a forbidden statement, over many families and seeds', () => {
    fc.assert(
      fc.property(familyArb, seedArb, (family, seed) => {
        const unit = sqlGenerator.generate(family, seed);
        expect(neverViolations(unit)).toEqual([]);
        expect(unitViolations(unit)).toEqual([]);
      }),
      { numRuns: 3_000, seed: 4242 },
    );
  });

  it('never mutates into a forbidden statement', () => {
    fc.assert(
      fc.property(familyArb, seedArb, seedArb, familyArb, seedArb, (family, seed, mutation, donorFamily, donorSeed) => {
        const child = sqlGenerator.mutate(sqlGenerator.generate(family, seed), mutation, sqlGenerator.generate(donorFamily, donorSeed));
        expect(neverViolations(child)).toEqual([]);
      }),
      { numRuns: 2_000, seed: 4343 },
    );
  });

  it.each([
    'DROP DATABASE postgres',
    'DROP DATABASE IF EXISTS template1',
    "COPY sf_t0 TO PROGRAM 'sh -c id'",
    "COPY sf_t0 FROM PROGRAM 'cat /etc/passwd'",
    "COPY sf_t0 TO '/etc/sandfuzz.csv'",
    "COPY sf_t0 FROM '/etc/passwd'",
    "SELECT lo_export(4200000, '/var/lib/postgresql/x')",
    "SELECT lo_import('/etc/shadow', 4200001)",
    "ALTER SYSTEM SET listen_addresses = 'localhost'",
    'ALTER SYSTEM SET shared_buffers = 1',
    'ALTER ROLE postgres NOLOGIN',
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity',
    'DROP SCHEMA public CASCADE',
    'DROP TABLE pg_class',
    'ALTER DATABASE postgres ALLOW_CONNECTIONS false',
    "SELECT pg_file_write('/etc/x', 'y', false)",
    "CREATE FOREIGN TABLE f (a int) SERVER s OPTIONS (filename '/etc/passwd')",
  ])('the executor refuses %s', (sql) => {
    expect(forbiddenReason(sql)).not.toBeNull();
  });

  it.each([
    'DROP DATABASE IF EXISTS sf_db_1 WITH (FORCE)',
    'DROP INDEX CONCURRENTLY IF EXISTS sf_cic_sf_t0',
    'DROP MATERIALIZED VIEW IF EXISTS sf_mv0',
    'DROP EXTENSION IF EXISTS pgcrypto CASCADE',
    "COPY (SELECT 1) TO '/tmp/sf_copy_0.csv' WITH (FORMAT csv)",
    "SELECT lo_export(4200000, '/tmp/sf_lo_0.bin')",
    "ALTER SYSTEM SET log_statement = 'all'",
    'ALTER SYSTEM RESET ALL',
    "SELECT xpath('/r/i/text()', '<r><i>1</i></r>'::xml)",
  ])('the executor lets %s through', (sql) => {
    expect(forbiddenReason(sql)).toBeNull();
  });
});
