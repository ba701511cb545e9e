import { it } from 'vitest';
import { createSqlGenerator } from '../../../../generators/sql/index.js';

const PORT = Number(process.env.PGPORT ?? 0);
it('smoke', async () => {
  const g = createSqlGenerator();
  if (process.env.PREPARE) await g.prepare!({ host: '127.0.0.1', port: PORT }, { timeoutMs: 10000 });
  const fams = process.env.FAM ? process.env.FAM.split(',').map((f) => `sql:${f}`) : g.families;
  const n = Number(process.env.N ?? 3);
  const seed0 = Number(process.env.SEED ?? 1);
  for (const fam of fams) {
    for (let s = seed0; s < seed0 + n; s++) {
      const unit = g.generate(fam, s);
      if (!PORT) { console.log(g.describe(unit)); continue; }
      const t = performance.now();
      const r = await g.execute(unit, { host: '127.0.0.1', port: PORT }, { timeoutMs: 10000 });
      const ms = Math.round(performance.now() - t);
      console.log(`${ms}ms ${g.describe(unit)}`);
      unit.steps.forEach((st, i) => {
        const a = r.answers[i]!;
        if (process.env.ALL || !/^00|^notify/.test(a)) console.log(`   [${a}] ${JSON.stringify('sql' in st ? st.sql : st).slice(0, 400)}`);
      });
    }
  }
}, 600_000);
