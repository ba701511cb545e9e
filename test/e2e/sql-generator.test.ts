import Dockerode from 'dockerode';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlGenerator, type SqlGenerator, type SqlUnit } from '../../generators/sql/index.js';
import type { Endpoint } from '../../generators/types.js';
import { ensureImage } from '../../targets/build.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';
import { TARGETS } from '../helpers/targets.js';
import { TargetContainers } from '../helpers/target-containers.js';

// Real Docker and the real sandfuzz/postgres image, no mocks. Without an engine these tests fail
// (never skip): a skip in CI would hide a broken setup.
const docker = new Dockerode();
const TARGET = TARGETS.postgres;
const READY_TIMEOUT_MS = 60_000;
const UNIT_TIMEOUT_MS = 10_000;
const UNIT_COUNT = 200;
const containers = new TargetContainers(docker, READY_TIMEOUT_MS);

function stepSqls(unit: SqlUnit): string[] {
  return unit.steps.map((s) => ('sql' in s ? s.sql : ''));
}

/** The first generated unit of `family` (seeds from 10_000 up) that `wanted` accepts. */
function findUnit(generator: SqlGenerator, family: string, wanted: (sqls: string[]) => boolean): SqlUnit {
  for (let seed = 10_000; seed < 20_000; seed++) {
    const unit = generator.generate(family, seed);
    if (wanted(stepSqls(unit))) return unit;
  }
  throw new Error(`no ${family} unit found for the test`);
}

/**
 * 200 units: the families round-robin (sql:ddl first, so the seed schema exists early), then
 * generated units that hold the rare statements the test checks for.
 */
function pickUnits(generator: SqlGenerator): SqlUnit[] {
  const rare = [
    findUnit(generator, 'sql:maintenance', (sqls) => sqls.some((s) => /^VACUUM \(FULL/.test(s))),
    findUnit(generator, 'sql:maintenance', (sqls) => sqls.includes('CHECKPOINT')),
    findUnit(
      generator,
      'sql:database',
      (sqls) => sqls.some((s) => s.startsWith('CREATE DATABASE')) && sqls.some((s) => s.startsWith('DROP DATABASE')),
    ),
  ];
  const units: SqlUnit[] = [];
  for (let i = 0; units.length < UNIT_COUNT - rare.length; i++) units.push(generator.generate(generator.families[i % generator.families.length]!, i));
  return [...units, ...rare];
}

interface Run {
  readonly answers: (readonly string[])[];
  readonly overrunsMs: number[];
  readonly throws: string[];
  readonly totalMs: number;
}

async function runAll(generator: SqlGenerator, units: readonly SqlUnit[], endpoint: Endpoint): Promise<Run> {
  const answers: (readonly string[])[] = [];
  const overrunsMs: number[] = [];
  const throws: string[] = [];
  const started = performance.now();
  for (const [index, unit] of units.entries()) {
    const t = performance.now();
    try {
      answers.push((await generator.execute(unit, endpoint, { timeoutMs: UNIT_TIMEOUT_MS })).answers);
    } catch (err) {
      throws.push(`unit ${index} (${generator.describe(unit)}): ${String(err)}`);
      answers.push([]);
    }
    const overrun = performance.now() - t - UNIT_TIMEOUT_MS;
    if (overrun > 0) overrunsMs.push(Math.round(overrun));
  }
  return { answers, overrunsMs, throws, totalMs: performance.now() - started };
}

/** Answers of steps whose SQL matches, across the run. */
function answersOf(units: readonly SqlUnit[], run: Run, pattern: RegExp): string[] {
  return units.flatMap((unit, u) => stepSqls(unit).flatMap((sql, s) => (pattern.test(sql) ? [run.answers[u]?.[s] ?? 'missing'] : [])));
}

async function withClient<T>(endpoint: Endpoint, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...endpoint, user: 'postgres', database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Workers Launched of the first parallel unit's first sf_big query, under that unit's settings. */
async function workersLaunched(units: readonly SqlUnit[], endpoint: Endpoint): Promise<number> {
  const unit = units.find((u) => u.family === 'parallel')!;
  const sqls = stepSqls(unit);
  const settings = sqls.find((s) => s.includes('force_parallel_mode'))!;
  const select = sqls.find((s) => /^SELECT .* FROM sf_big/.test(s)) ?? 'SELECT count(*), sum(k) FROM sf_big';
  return withClient(endpoint, async (client) => {
    await client.query(settings);
    const plan = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${select}`);
    const launched = [...JSON.stringify(plan.rows).matchAll(/"Workers Launched":\s*(\d+)/g)].map((m) => Number(m[1]));
    return Math.max(0, ...launched);
  });
}

let prepared: Promise<void>;
beforeAll(async () => {
  prepared = (async () => {
    await docker.ping().catch((err: Error) => {
      throw new Error(`Docker engine not reachable: ${err.message}`);
    });
    await ensureImage(new DockerodeImageStore(docker), TARGET);
  })();
  await prepared.catch(() => undefined);
}, 900_000);

afterAll(async () => {
  await containers.removeAll();
});

describe('sql generator against sandfuzz/postgres', () => {
  it('runs 200 units within their deadline, reaches spill/parallel/maintenance paths, and replays identically', async () => {
    await prepared;
    const generator = createSqlGenerator();
    const first = await containers.start(TARGET);
    await generator.prepare!(first.endpoint, { timeoutMs: UNIT_TIMEOUT_MS });
    expect(generator.catalog.extensions?.some((e) => e.name === 'pgcrypto')).toBe(true);
    expect(generator.catalog.functions.length).toBeGreaterThan(50);
    expect(generator.catalog.maxPreparedTransactions).toBe(0);
    const units = pickUnits(generator);
    expect(new Set(units.map((u) => generator.family(u)))).toEqual(new Set(generator.families));

    const mined = await runAll(generator, units, first.endpoint);
    console.log(`200 units on a fresh container: ${(mined.totalMs / 1000).toFixed(1)} s`);
    expect(mined.throws).toEqual([]);
    expect(mined.overrunsMs.filter((ms) => ms > 1_000)).toEqual([]);
    units.forEach((unit, i) => expect(mined.answers[i]).toHaveLength(unit.steps.length));

    const tempFiles = await withClient(
      first.endpoint,
      async (c) => (await c.query("SELECT temp_files FROM pg_stat_database WHERE datname = 'postgres'")).rows[0],
    );
    expect(Number(tempFiles.temp_files)).toBeGreaterThan(0);
    expect(await workersLaunched(units, first.endpoint)).toBeGreaterThanOrEqual(1);
    for (const pattern of [/^VACUUM \(FULL/, /^CHECKPOINT$/, /^CREATE DATABASE /, /^DROP DATABASE /]) {
      expect(
        answersOf(units, mined, pattern).some((a) => a.startsWith('00')),
        String(pattern),
      ).toBe(true);
    }
    expect(await containers.stop(TARGET, first.container)).toBe(0);

    // The enforcement check's view: the same units, in order, on a fresh container.
    const second = await containers.start(TARGET);
    const replayed = await runAll(createSqlGenerator(), units, second.endpoint);
    expect(replayed.throws).toEqual([]);
    const mismatches = units.flatMap((unit, i) =>
      JSON.stringify(mined.answers[i]) === JSON.stringify(replayed.answers[i])
        ? []
        : [`unit ${i} ${generator.describe(unit)}\n  mined:    ${mined.answers[i]!.join(' | ')}\n  replayed: ${replayed.answers[i]!.join(' | ')}`],
    );
    expect(mismatches.join('\n')).toBe('');
    expect(await containers.stop(TARGET, second.container)).toBe(0);
  }, 1_200_000);
});
