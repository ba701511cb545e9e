import { it } from 'vitest';
import { httpGenerator } from '../../../../generators/http/index.js';
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
    console.log(`${ms}ms ${clean ? '' : 'LEAK '}${httpGenerator.describe(unit).slice(0, 90)}\n    ${answers.join(' | ')} seen=${server.seen.length} errs=${server.clientErrors.join(',')}`);
  }
  await server.close();
}, 300_000);
