import { query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:temp: temporary tables in local buffers (temp_buffers, set before the first temp access),
 * big enough to be written out to the backend's temp relation files; ON COMMIT DROP / DELETE
 * ROWS; temp indexes, sequences and views; DISCARD.
 */

function bigTempTable(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const rows = rng.oneIn(3) ? rng.int(50_000, Math.floor(ctx.c.bigRows / 2)) : rng.int(1, 5000);
  const steps: SqlStep[] = [
    query(`CREATE TEMP TABLE sf_tmp (id int PRIMARY KEY, v text, n numeric)`),
    query(`INSERT INTO sf_tmp SELECT g, md5(g::text), g * 1.5 FROM generate_series(1, ${rows}) g`, { detail: 'count' }),
  ];
  if (rng.oneIn(2)) steps.push(query('CREATE INDEX sf_tmp_v ON sf_tmp (v)'));
  if (rng.oneIn(2)) steps.push(query('ANALYZE sf_tmp'));
  steps.push(read(ctx, `SELECT count(*), sum(n), min(v) FROM sf_tmp WHERE id % ${rng.int(2, 9)} = 0`));
  if (rng.oneIn(3)) steps.push(query(`UPDATE sf_tmp SET v = upper(v) WHERE id <= ${rng.int(1, rows)}`, { detail: 'count' }));
  if (rng.oneIn(3)) steps.push(query('TRUNCATE sf_tmp'));
  return steps;
}

function onCommit(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const action = rng.pick(['DROP', 'DELETE ROWS', 'PRESERVE ROWS']);
  return [
    query('BEGIN'),
    query(`CREATE TEMP TABLE sf_tmp_tx (k int, v text) ON COMMIT ${action}`),
    query(`INSERT INTO sf_tmp_tx SELECT g, g::text FROM generate_series(1, ${rng.int(1, 3000)}) g`, { detail: 'count' }),
    query(rng.oneIn(4) ? 'ROLLBACK' : 'COMMIT'),
    // 42P01 after DROP or a rollback, 0 rows after DELETE ROWS, all rows otherwise.
    query('SELECT count(*) FROM sf_tmp_tx', { detail: 'rows' }),
  ];
}

function otherTempObjects(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  return [
    query('CREATE TEMP SEQUENCE sf_tmp_seq'),
    query(`SELECT nextval('sf_tmp_seq') FROM generate_series(1, ${rng.int(1, 20)})`, { detail: 'rows' }),
    query('CREATE TEMP VIEW sf_tmp_view AS SELECT g FROM generate_series(1, 10) g'),
    query('SELECT sum(g) FROM sf_tmp_view', { detail: 'rows' }),
    query(rng.pick(['DISCARD TEMP', 'DISCARD ALL', 'DISCARD SEQUENCES', 'DISCARD PLANS'])),
  ];
}

export function tempFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  // temp_buffers only counts before the session first touches a temp table.
  const steps: SqlStep[] = [query(`SET temp_buffers = '${rng.pick(['800kB', '1MB', '8MB', '64MB'])}'`)];
  const production = rng.weighted<(c: GenContext) => SqlStep[]>([
    [3, bigTempTable],
    [2, onCommit],
    [1, otherTempObjects],
  ]);
  steps.push(...production(ctx));
  return { steps };
}
