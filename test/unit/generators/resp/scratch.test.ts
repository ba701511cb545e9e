import { it } from 'vitest';
import { respGenerator } from '../../../../generators/resp/index.js';

it('scratch', async () => {
  const endpoint = { host: '127.0.0.1', port: Number(process.env.PORT) };
  if (process.env.PREP) await respGenerator.prepare!(endpoint, { timeoutMs: 5000 });
  const fams = process.env.FAM ? process.env.FAM.split(',') : respGenerator.families;
  let i = 0;
  for (const fam of fams) {
    for (let s = 0; s < Number(process.env.N ?? 3); s++) {
      const unit = respGenerator.generate(fam, s + Number(process.env.SEED ?? 0));
      const t = performance.now();
      const { answers } = await respGenerator.execute(unit, endpoint, { timeoutMs: 5000 });
      const ms = Math.round(performance.now() - t);
      console.log(`${ms}ms ${respGenerator.describe(unit)}\n   ${answers.join(' | ')}`);
      i++;
    }
  }
}, 600_000);
