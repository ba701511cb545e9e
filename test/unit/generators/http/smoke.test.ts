import { it } from 'vitest';
import { createHttpGenerator } from '../../../../generators/http/index.js';
const httpGenerator = createHttpGenerator(process.env.FAM ? { families: [process.env.FAM as 'get'] } : {});
import { startRecordingServer } from './recording-server.js';

it('smoke', async () => {
  const server = await startRecordingServer();
  const units = httpGenerator.units(Number(process.env.SEED ?? 3));
  for (let i = 0; i < Number(process.env.N ?? 60); i++) {
    const unit = units.next().value!;
    server.clear();
    const t = performance.now();
    const { answers } = await httpGenerator.execute(unit, server.endpoint, { timeoutMs: 3000 });
    const ms = Math.round(performance.now() - t);
    const clean = await server.waitForNoConnections(1000);
    if (ms > 300 || !clean || /timeout|truncated|error|unsent/.test(answers.join(' ')) || process.env.ALL) console.log(`${ms}ms ${clean ? '' : 'LEAK '}${httpGenerator.describe(unit).slice(0, 90)}\n    ${answers.join(' | ')} seen=${server.seen.length} errs=${server.clientErrors.join(',')}`);
  }
  await server.close();
}, 300_000);
