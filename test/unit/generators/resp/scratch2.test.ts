import { it } from 'vitest';
import Dockerode from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRespGenerator, type RespUnit } from '../../../../generators/resp/index.js';
import { answerClass } from '../../../../generators/types.js';
import { TARGETS } from '../../../../targets/index.js';

const docker = new Dockerode();
async function start() {
  const c = await docker.createContainer({ Image: 'sandfuzz/redis:latest', Labels: { sandfuzz: 'test' }, ExposedPorts: { '6379/tcp': {} }, HostConfig: { PortBindings: { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } });
  await c.start();
  const info = await c.inspect();
  const endpoint = { host: '127.0.0.1', port: Number(info.NetworkSettings.Ports['6379/tcp']?.[0]?.HostPort) };
  while (!(await TARGETS.redis.ready(endpoint))) await sleep(100);
  return { c, endpoint };
}
it('scratch2', async () => {
  const gen = createRespGenerator();
  const N = Number(process.env.N ?? 600);
  const seed = Number(process.env.SEED ?? 7);
  const fams = process.env.FAM?.split(',');
  const units: RespUnit[] = [];
  const it = gen.units(seed);
  while (units.length < N) { const u = it.next().value!; if (!fams || fams.includes(u.family)) units.push(u); }
  const runs: string[][][] = [];
  for (let r = 0; r < 2; r++) {
    const { c, endpoint } = await start();
    const answers: string[][] = [];
    const t0 = Date.now(); let slow = 0; const slowUnits: string[] = [];
    for (const u of units) { const t = Date.now(); answers.push([...(await gen.execute(u, endpoint, { timeoutMs: 5000 })).answers]); const d = Date.now() - t; if (d > 1500) slowUnits.push(`${d}ms ${gen.describe(u)}`); slow = Math.max(slow, d); }
    console.log(`run ${r}: ${Date.now() - t0} ms, slowest ${slow}\n${slowUnits.join('\n')}`);
    await c.stop({ t: 10 }); console.log('exit', (await c.inspect()).State.ExitCode); await c.remove({ v: true });
    runs.push(answers);
  }
  const hist = new Map<string, number>();
  runs[0]!.flat().forEach((a) => hist.set(answerClass(a), (hist.get(answerClass(a)) ?? 0) + 1));
  console.log([...hist].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' '));
  units.forEach((u, i) => { runs[0]![i]!.forEach((a, s) => { if (a === 'timeout' || a === 'closed' || a === 'unsent') console.log(`#${i} step ${s} ${a}: ${gen.describe(u)}`); }); });
  let diffs = 0;
  units.forEach((u, i) => { if (JSON.stringify(runs[0]![i]) !== JSON.stringify(runs[1]![i])) { diffs++; console.log(`DIFF #${i} ${gen.describe(u)}\n  A: ${runs[0]![i]!.join(' | ')}\n  B: ${runs[1]![i]!.join(' | ')}`); } });
  console.log('diffs', diffs);
}, 1_800_000);
