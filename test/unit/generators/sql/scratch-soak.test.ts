import { it } from 'vitest';
import { createSqlGenerator } from '../../../../generators/sql/index.js';
import type { SqlUnit } from '../../../../generators/sql/index.js';

// Scratch: PORTS=a,b two fresh containers; N units of units(SEED) plus mutations; compare answers.
it('soak', async () => {
  const [a, b] = process.env.PORTS!.split(',').map(Number);
  const g = createSqlGenerator();
  await g.prepare!({ host: '127.0.0.1', port: a! }, { timeoutMs: 10000 });
  const n = Number(process.env.N ?? 300);
  const it = g.units(Number(process.env.SEED ?? 7));
  const units: SqlUnit[] = [];
  for (let i = 0; i < n; i++) {
    const u = it.next().value as SqlUnit;
    units.push(i % 3 === 2 ? g.mutate(u, i, units[i - 1]) : u);
  }
  const run = async (port: number) => {
    const out: string[][] = []; let slow = 0; const t0 = performance.now();
    for (const u of units) { const t = performance.now(); out.push([...(await g.execute(u, { host: '127.0.0.1', port }, { timeoutMs: 10000 })).answers]); slow = Math.max(slow, performance.now() - t); }
    console.log(`port ${port}: ${((performance.now() - t0) / 1000).toFixed(1)} s, slowest ${Math.round(slow)} ms`);
    return out;
  };
  const ra = await run(a!); const rb = await run(b!);
  let bad = 0;
  units.forEach((u, i) => { if (JSON.stringify(ra[i]) !== JSON.stringify(rb[i])) { bad++; console.log(`MISMATCH ${i} ${g.describe(u)}\n  a: ${ra[i]!.join(' | ')}\n  b: ${rb[i]!.join(' | ')}\n  ${JSON.stringify(u.steps.map((s) => ('sql' in s ? s.sql : s.kind)))}`.slice(0, 3000)); } });
  units.forEach((u, i) => { if (ra[i]!.includes('timeout') || rb[i]!.includes('timeout')) console.log(`TIMEOUT ${i} ${g.describe(u)}\n  a: ${ra[i]!.join(' | ')}\n  b: ${rb[i]!.join(' | ')}\n  ${JSON.stringify(u.steps.map((s) => ('sql' in s ? s.sql : s)))}`.slice(0, 3000)); });
  const timeouts = ra.flat().filter((x) => x === 'timeout').length;
  console.log(`mismatched units: ${bad} / ${n}; timeouts ${timeouts}`);
}, 1_800_000);
