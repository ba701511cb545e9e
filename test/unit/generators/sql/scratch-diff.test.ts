import { it } from 'vitest';
import pg from 'pg';
import { createSqlGenerator } from '../../../../generators/sql/index.js';

// Scratch: two already-running containers (PORTS=a,b), run units 0..N round-robin on both, diff a query.
it('diff', async () => {
  const [a, b] = process.env.PORTS!.split(',').map(Number);
  const g = createSqlGenerator(); await g.prepare!({ host: '127.0.0.1', port: a! }, { timeoutMs: 10000 });
  const n = Number(process.env.N ?? 99);
  const units = Array.from({ length: n }, (_, i) => g.generate(g.families[i % g.families.length]!, i));
  for (const port of [a, b]) {
    for (const u of units) await g.execute(u, { host: '127.0.0.1', port: port! }, { timeoutMs: 10000 });
  }
  const dump = async (port: number) => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await c.connect();
    const r = await c.query({ text: process.env.Q ?? 'SELECT * FROM sf_t1 ORDER BY id', rowMode: 'array' });
    await c.end();
    return r.rows.map((x) => JSON.stringify(x));
  };
  const da = await dump(a!); const db = await dump(b!);
  const sa = new Set(da); const sb = new Set(db);
  console.log('rows', da.length, db.length);
  console.log('only a', da.filter((x) => !sb.has(x)).slice(0, 10));
  console.log('only b', db.filter((x) => !sa.has(x)).slice(0, 10));
}, 600_000);
