import { connect } from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRespGenerator, type RespUnit } from '../../generators/resp/index.js';
import type { Endpoint } from '../../generators/types.js';
import { ensureImage } from '../../targets/build.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';
import { TARGETS } from '../helpers/targets.js';
import { TargetContainers } from '../helpers/target-containers.js';

// Real Docker and the real sandfuzz/redis image, no mocks. Without an engine these tests fail
// (never skip): a skip in CI would hide a broken setup.
const docker = new Dockerode();
const TARGET = TARGETS.redis;
const READY_TIMEOUT_MS = 30_000;
const UNIT_TIMEOUT_MS = 5_000;
const UNITS_PER_FAMILY = 13;
const containers = new TargetContainers(docker, READY_TIMEOUT_MS);

/** One raw command, outside the generator: the bulk reply of INFO persistence. */
function infoPersistence(endpoint: Endpoint): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint, () => socket.write('*2\r\n$4\r\nINFO\r\n$11\r\npersistence\r\n'));
    let reply = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('INFO persistence timed out')));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (header && reply.length >= header[0].length + Number(header[1]) + 2) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on('error', reject);
  });
}

interface Run {
  readonly answers: (readonly string[])[];
  readonly slowestMs: number;
  readonly totalMs: number;
}

async function runAll(units: readonly RespUnit[], endpoint: Endpoint): Promise<Run> {
  const generator = createRespGenerator();
  const answers: (readonly string[])[] = [];
  let slowestMs = 0;
  const started = performance.now();
  for (const unit of units) {
    const t = performance.now();
    const result = await generator.execute(unit, endpoint, { timeoutMs: UNIT_TIMEOUT_MS });
    slowestMs = Math.max(slowestMs, performance.now() - t);
    answers.push(result.answers);
  }
  return { answers, slowestMs, totalMs: performance.now() - started };
}

function stepWords(unit: RespUnit, index: number): string {
  const step = unit.steps[index]!;
  if (step.kind === 'command') return step.args.map((a) => (typeof a === 'string' ? a : '<derived>')).join(' ');
  return step.kind === 'inline' ? step.words.join(' ') : step.kind;
}

let prepared: Promise<void>;
beforeAll(async () => {
  prepared = (async () => {
    try {
      await docker.ping();
    } catch (err) {
      throw new Error(`Docker engine not reachable: ${(err as Error).message}`);
    }
    await ensureImage(new DockerodeImageStore(docker), TARGET);
  })();
  await prepared.catch(() => undefined);
}, 900_000);

afterAll(async () => {
  await containers.removeAll();
});

describe('redis generator against sandfuzz/redis', () => {
  it('runs every family within its deadline, saves in the background, and replays identically on a fresh server', async () => {
    await prepared;
    const first = await containers.start(TARGET);
    const generator = createRespGenerator();
    await generator.prepare!(first.endpoint, { timeoutMs: 10_000 });
    const units: RespUnit[] = [];
    for (let i = 0; i < UNITS_PER_FAMILY; i++) {
      for (const family of generator.families) units.push(generator.generate(family, 1_000 + i));
    }

    const run1 = await runAll(units, first.endpoint);
    console.log(`resp e2e: ${units.length} units in ${(run1.totalMs / 1000).toFixed(1)} s, slowest ${Math.round(run1.slowestMs)} ms`);
    expect(run1.slowestMs).toBeLessThan(UNIT_TIMEOUT_MS + 1_000);
    units.forEach((unit, i) => expect(run1.answers[i], generator.describe(unit)).toHaveLength(unit.steps.length));

    // Every BGSAVE and BGREWRITEAOF was accepted, and the children they forked succeeded.
    const saves = units.flatMap((unit, u) =>
      unit.steps.flatMap((_, s) =>
        /^(BGSAVE|BGREWRITEAOF)\b/i.test(stepWords(unit, s))
          ? [{ words: stepWords(unit, s), answer: run1.answers[u]![s]!, family: unit.family }]
          : [],
      ),
    );
    console.log(`resp e2e: background saves from families ${[...new Set(saves.map((s) => s.family))].join(', ')}`);
    expect(saves.some((s) => /^BGSAVE/i.test(s.words))).toBe(true);
    expect(saves.some((s) => /^BGREWRITEAOF/i.test(s.words))).toBe(true);
    for (const save of saves) {
      if (save.answer.startsWith('-')) continue; // wrong arity (BGSAVE with a stray argument)
      expect(save.answer, save.words).toMatch(/^\+ (Background (saving|append only file rewriting) (started|scheduled)|QUEUED)/);
    }
    expect(saves.filter((s) => /^\+ Background/.test(s.answer)).length).toBeGreaterThan(0);
    const persistence = await infoPersistence(first.endpoint);
    expect(persistence).toMatch(/rdb_last_bgsave_status:ok/);
    expect(persistence).toMatch(/aof_last_bgrewrite_status:ok/);
    expect(await containers.stop(TARGET, first.container)).toBe(0);

    const second = await containers.start(TARGET);
    const run2 = await runAll(units, second.endpoint);
    const differences = units.flatMap((unit, i) =>
      JSON.stringify(run1.answers[i]) === JSON.stringify(run2.answers[i])
        ? []
        : [`#${i} ${generator.describe(unit)}\n  first:  ${run1.answers[i]!.join(' | ')}\n  second: ${run2.answers[i]!.join(' | ')}`],
    );
    expect(differences.join('\n')).toBe('');
    expect(await containers.stop(TARGET, second.container)).toBe(0);
  }, 900_000);
});
