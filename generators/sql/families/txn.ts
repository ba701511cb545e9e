import { visibleColumns, type CatalogRelation } from '../catalog.js';
import { ident, maybeEnsure, pickTable, query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import { boundedRows } from '../productions/select-single.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:txn: explicit transactions at every isolation level with savepoints, row locks, table
 * locks, advisory locks, deliberate errors (the transaction is then aborted until a rollback),
 * COMMIT AND CHAIN, and two-phase commit. One connection only, so nothing can deadlock; a
 * prepared transaction is always finished by the next step (and by the executor's cleanup).
 */

const ISOLATION = ['', ' ISOLATION LEVEL READ COMMITTED', ' ISOLATION LEVEL REPEATABLE READ', ' ISOLATION LEVEL SERIALIZABLE'];
const ROW_LOCKS = ['FOR UPDATE', 'FOR NO KEY UPDATE', 'FOR SHARE', 'FOR KEY SHARE'];
const LOCK_WAITS = ['', ' NOWAIT', ' SKIP LOCKED'];
const TABLE_LOCKS = ['ACCESS SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];

function rowLock(ctx: GenContext, table: CatalogRelation): SqlStep {
  const { rng } = ctx;
  const lock = `${rng.pick(ROW_LOCKS)}${rng.pick(LOCK_WAITS)}`;
  const order = table.key ? ` ORDER BY ${ident(table.key)} LIMIT ${rng.int(1, 20)}` : '';
  return read(ctx, `SELECT count(*) FROM (SELECT 1 FROM ${ident(table.name)} WHERE ${boundedRows(ctx, table, '', 200)}${order} ${lock}) s`);
}

function write(ctx: GenContext, table: CatalogRelation): SqlStep {
  const column = table.columns.find((c) => c.name === 'k') ?? visibleColumns(table)[0] ?? table.columns[0]!;
  const c = ident(column.name);
  return query(`UPDATE ${ident(table.name)} SET ${c} = ${c} WHERE ${boundedRows(ctx, table, '', 100)}`, { detail: 'count' });
}

function bodyStep(ctx: GenContext, table: CatalogRelation, savepoints: string[]): SqlStep[] {
  const { rng } = ctx;
  const advisory = rng.int(1, 20);
  return rng.weighted<() => SqlStep[]>([
    [3, () => [write(ctx, table)]],
    [3, () => [rowLock(ctx, table)]],
    [
      3,
      () => {
        const name = `sf_sp${savepoints.length}`;
        savepoints.push(name);
        return [query(`SAVEPOINT ${name}`), write(ctx, table)];
      },
    ],
    [
      2,
      () => {
        const name = savepoints.pop();
        return name ? [query(`${rng.bool() ? 'ROLLBACK TO SAVEPOINT' : 'RELEASE SAVEPOINT'} ${name}`)] : [write(ctx, table)];
      },
    ],
    [1, () => [query('SELECT 1 / 0', { detail: 'rows' })]],
    [2, () => [query(`SELECT pg_advisory_xact_lock(${advisory})`), query(`SELECT pg_try_advisory_xact_lock(${advisory})`, { detail: 'rows' })]],
    // No NOWAIT: autovacuum may hold a conflicting lock for a moment (it yields to waiters).
    [1, () => [query(`LOCK TABLE ${ident(table.name)} IN ${rng.pick(TABLE_LOCKS)} MODE`)]],
    [1, () => [query(`SET LOCAL work_mem = '${rng.int(64, 4096)}kB'`)]],
    [1, () => [query('SET CONSTRAINTS ALL DEFERRED')]],
  ])();
}

function ending(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const gid = `sf_gx_${rng.int(0, 9)}`;
  // With max_prepared_transactions = 0 PREPARE TRANSACTION fails (55000): worth less then.
  const prepared = ctx.catalog.maxPreparedTransactions > 0 ? 2 : 1;
  return rng.weighted<() => SqlStep[]>([
    [4, () => [query('COMMIT')]],
    [3, () => [query('ROLLBACK')]],
    [1, () => [query('COMMIT AND CHAIN'), query('SELECT 1', { detail: 'rows' }), query('COMMIT')]],
    [prepared, () => [query(`PREPARE TRANSACTION '${gid}'`), query(`${rng.bool() ? 'COMMIT' : 'ROLLBACK'} PREPARED '${gid}'`)]],
  ])();
}

/** Session-level advisory locks, taken and released on the same connection. */
function advisorySession(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const key = rng.int(1, 20);
  const steps = [query(`SELECT pg_advisory_lock(${key})`), query(`SELECT pg_try_advisory_lock(${key}, ${rng.int(0, 5)})`, { detail: 'rows' })];
  steps.push(query(rng.oneIn(2) ? 'SELECT pg_advisory_unlock_all()' : `SELECT pg_advisory_unlock(${key})`, { detail: 'rows' }));
  return steps;
}

/** A DO block whose exception blocks open more subtransactions than a backend caches (64). */
function subtransactionStorm(ctx: GenContext): SqlStep {
  const count = ctx.rng.int(10, 200);
  return query(
    `DO $sf$ DECLARE n int := 0; BEGIN FOR i IN 1..${count} LOOP BEGIN PERFORM 1 / (i % 7); n := n + 1; ` +
      `EXCEPTION WHEN division_by_zero THEN n := n - 1; END; END LOOP; RAISE NOTICE 'n=%', n; END $sf$`,
  );
}

export function txnFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const table = pickTable(ctx);
  const steps: SqlStep[] = [...maybeEnsure(ctx, table.name)];
  if (rng.oneIn(5)) return { steps: [...steps, ...advisorySession(ctx), subtransactionStorm(ctx)] };
  const readOnly = rng.oneIn(6) ? ' READ ONLY' : '';
  steps.push(query(`BEGIN${rng.pick(ISOLATION)}${readOnly}`));
  const savepoints: string[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) steps.push(...bodyStep(ctx, table, savepoints));
  steps.push(...ending(ctx));
  return { steps };
}
