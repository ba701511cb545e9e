import { query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:database: CREATE DATABASE (both strategies: WAL_LOG, and FILE_COPY's directory copy with
 * checkpoints), a session inside the new database on connection 1, ALTER DATABASE, DROP DATABASE
 * (WITH (FORCE) terminating that session). Only databases named with the configured prefix are
 * ever created, altered or dropped.
 */

function createDatabase(ctx: GenContext, name: string): SqlStep {
  const { rng } = ctx;
  const options = rng.pick([
    '',
    ' STRATEGY FILE_COPY',
    ' STRATEGY WAL_LOG',
    " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
    ' TEMPLATE template0 STRATEGY FILE_COPY',
    ` CONNECTION LIMIT ${rng.int(1, 20)}`,
  ]);
  return query(`CREATE DATABASE ${name}${options}`);
}

function alterDatabase(ctx: GenContext, name: string): SqlStep[] {
  const { rng } = ctx;
  return rng.pick<SqlStep[]>([
    [query(`ALTER DATABASE ${name} SET work_mem = '${rng.int(1, 64)}MB'`)],
    [query(`ALTER DATABASE ${name} SET statement_timeout = '${rng.int(1, 5)}s'`), query(`ALTER DATABASE ${name} RESET ALL`)],
    [query(`ALTER DATABASE ${name} CONNECTION LIMIT ${rng.int(-1, 10)}`)],
    [query(`ALTER DATABASE ${name} RENAME TO ${name}_r`), query(`ALTER DATABASE ${name}_r RENAME TO ${name}`)],
    [query(`COMMENT ON DATABASE ${name} IS 'sandfuzz'`)],
    [query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${rng.bool()}`)],
  ]);
}

/** Work on connection 1, which opens in the unit's database. */
function peerSession(ctx: GenContext): SqlStep[] {
  const rows = ctx.rng.int(1, 5000);
  return [
    query('CREATE TABLE IF NOT EXISTS sf_inner (id int PRIMARY KEY, v text)', { conn: 1 }),
    query(`INSERT INTO sf_inner SELECT g, md5(g::text) FROM generate_series(1, ${rows}) g ON CONFLICT DO NOTHING`, { conn: 1, detail: 'count' }),
    query('SELECT count(*), max(v) FROM sf_inner', { conn: 1, detail: 'rows' }),
  ];
}

function dropDatabase(ctx: GenContext, name: string, peerOpen: boolean): SqlStep {
  const { rng } = ctx;
  // With the peer still connected only FORCE drops it (without, the server waits 5 s for the
  // session to go, then fails with 55006).
  const force = peerOpen || rng.oneIn(4);
  return query(`DROP DATABASE ${rng.oneIn(2) ? 'IF EXISTS ' : ''}${name}${force ? ' WITH (FORCE)' : ''}`);
}

export function databaseFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const name = `${ctx.c.databasePrefix}${rng.int(0, 3)}`;
  const steps: SqlStep[] = [];
  if (rng.oneIn(3)) steps.push(query(`DROP DATABASE IF EXISTS ${name}`));
  steps.push(createDatabase(ctx, name));
  if (rng.oneIn(2)) steps.push(...alterDatabase(ctx, name));
  const usePeer = rng.oneIn(2);
  if (usePeer) steps.push(...peerSession(ctx));
  if (rng.oneIn(3)) steps.push(read(ctx, `SELECT datname FROM pg_database WHERE datname LIKE '${ctx.c.databasePrefix}%' ORDER BY 1`));
  if (!rng.oneIn(3)) steps.push(dropDatabase(ctx, name, usePeer));
  return { steps, peerDatabase: usePeer ? name : 'postgres' };
}
