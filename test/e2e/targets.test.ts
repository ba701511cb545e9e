import { connect } from 'node:net';
import Dockerode from 'dockerode';
import pg from 'pg';
import { request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../generators/types.js';
import { ensureImage } from '../../targets/build.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';
import { TARGETS } from '../helpers/targets.js';
import type { TargetSpec } from '../../targets/types.js';
import { applyLifecycle, type LiveContainer } from '../../src/engine/container-session.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { logsOf, type StartedTarget, TargetContainers } from '../helpers/target-containers.js';

// Real Docker, no mocks. When the engine is unreachable these tests fail (never skip): CI installs
// Docker, so a skip there would hide a broken setup.
const docker = new Dockerode();
const runtime = new DockerodeRuntime(docker);
const containers = new TargetContainers(docker);

/** Checks the engine and builds (or reuses) every target image; each test awaits the outcome. */
async function prepareImages(): Promise<void> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`Docker engine not reachable: ${(err as Error).message}`);
  }
  for (const target of Object.values(TARGETS)) {
    const started = Date.now();
    const tail: string[] = [];
    const log = (line: string) => void (tail.push(line) > 20 && tail.shift());
    const result = await ensureImage(new DockerodeImageStore(docker), target, { log }).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${tail.join('\n')}`);
    });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`ensureImage(${target.name}): ${result.built ? 'built' : 'reused'} in ${secs} s`);
  }
}

// A throwing beforeAll would only mark the tests skipped; awaiting the outcome in each test makes
// every one of them fail when Docker is missing or a build breaks.
let prepared: Promise<void>;
beforeAll(async () => {
  prepared = prepareImages();
  await prepared.catch(() => undefined);
}, 900_000);

afterEach(async () => {
  await containers.removeAll();
});

/** Creates and starts the target's container once the images are there. */
async function startTarget(target: TargetSpec): Promise<StartedTarget> {
  await prepared;
  return containers.start(target);
}

/** Stops through the image's STOPSIGNAL and asserts the server shut down cleanly (exit code 0). */
async function stopGracefully(target: TargetSpec, container: Dockerode.Container): Promise<void> {
  expect(await containers.stop(target, container), await logsOf(container)).toBe(0);
}

/** Sends one RESP command over raw TCP and returns the raw reply (simple, error, integer or bulk). */
function redisCommand(endpoint: Endpoint, args: readonly string[]): Promise<string> {
  const frame = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint, () => socket.write(frame));
    let reply = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('redis reply timed out')));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const bulk = /^\$(-?\d+)\r\n/.exec(reply);
      const complete = bulk ? Number(bulk[1]) < 0 || reply.length >= bulk[0].length + Number(bulk[1]) + 2 : reply.includes('\r\n');
      if (complete) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on('error', reject);
  });
}

/** Applies every lifecycle action as the engine does (restarts included); each must leave the server healthy. */
async function runLifecycle(target: TargetSpec, container: Dockerode.Container, endpoint: Endpoint): Promise<void> {
  const live: LiveContainer = { current: { id: container.id, pid: 0, mntns: 0n, endpoint } };
  for (const action of target.lifecycle) {
    const { healthyAfter, detail } = await applyLifecycle(runtime, live, target, action, new AbortController().signal);
    expect(healthyAfter, `${action.name}: ${detail}`).toBe(true);
    if (action.kind === 'exec') expect(detail, action.name).toMatch(/^exit 0/);
  }
}

describe('target images', () => {
  it('nginx serves the Debian page, ranges and a subdirectory, survives its lifecycle, stops with 0', async () => {
    const target = TARGETS.nginx;
    const { container, endpoint } = await startTarget(target);
    const base = `http://${endpoint.host}:${endpoint.port}`;
    const page = await request(`${base}/index.nginx-debian.html`);
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain('Welcome to nginx!');
    const range = await request(`${base}/static/1m.bin`, { headers: { range: 'bytes=1024-2047' } });
    expect(range.statusCode).toBe(206);
    expect((await range.body.arrayBuffer()).byteLength).toBe(1024);
    const text = await request(`${base}/static/64k.txt`);
    expect((await text.body.arrayBuffer()).byteLength).toBe(65536);
    const sub = await request(`${base}/sub/`);
    expect(sub.statusCode).toBe(200);
    await sub.body.dump();
    await runLifecycle(target, container, endpoint);
    await stopGracefully(target, container);
  }, 90_000);

  it('redis stores and returns a value, survives its lifecycle, stops with 0', async () => {
    const target = TARGETS.redis;
    const { container, endpoint } = await startTarget(target);
    expect(await redisCommand(endpoint, ['SET', 'sandfuzz:key', 'hello world'])).toBe('+OK\r\n');
    expect(await redisCommand(endpoint, ['GET', 'sandfuzz:key'])).toBe('$11\r\nhello world\r\n');
    await runLifecycle(target, container, endpoint);
    await stopGracefully(target, container);
  }, 90_000);

  it('postgres accepts postgres/postgres without a password, runs parallel query, stops with 0', async () => {
    const target = TARGETS.postgres;
    const { container, endpoint } = await startTarget(target);
    const client = new pg.Client({ ...endpoint, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
      await client.query("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 1000) g");
      expect((await client.query('SELECT v FROM t WHERE id = 42')).rows).toEqual([{ v: 'v42' }]);
      // PostgreSQL 15 spells debug_parallel_query (16+) force_parallel_mode.
      await client.query('SET force_parallel_mode = on');
      const count = await client.query('SELECT count(*)::int AS n FROM generate_series(1, 100000)');
      expect(count.rows).toEqual([{ n: 100000 }]);
      // Real parallel workers need dynamic shared memory in /dev/shm: this is what ShmSize is for.
      await client.query('CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 300000) g');
      await client.query('SET force_parallel_mode = off');
      await client.query('SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0');
      const plan = await client.query('EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM big');
      expect(JSON.stringify(plan.rows)).toMatch(/"Workers Launched":\s*[1-9]/);
    } finally {
      await client.end();
    }
    await runLifecycle(target, container, endpoint);
    await stopGracefully(target, container);
  }, 90_000);
});
