import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../generators/types.js';
import type { LiveContainer } from '../../src/engine/container-session.js';
import { mineTarget, syscallsOutside, underProfile, type Mined, socketFamiliesOpenUnder } from '../helpers/acceptance.js';
import { buildSockprobeImage } from '../helpers/probe-image.js';

let mined: Mined;

/** Sends inline commands one by one on one connection; resolves with each raw reply's first line. */
function redis(endpoint: Endpoint, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint.port, endpoint.host);
    const replies: string[] = [];
    let buffer = '';
    let i = 0;
    socket.setTimeout(20_000, () => socket.destroy(new Error('redis timeout')));
    socket.on('connect', () => socket.write(`${commands[0]}\r\n`));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      // Replies of these commands are single lines or one bulk string: wait for a complete one.
      const bulk = /^\$(\d+)\r\n/.exec(buffer);
      if (bulk ? buffer.length < bulk[0].length + Number(bulk[1]) + 2 : !buffer.endsWith('\r\n')) return;
      replies.push(bulk ? buffer.slice(bulk[0].length, bulk[0].length + Number(bulk[1])) : buffer.trim());
      buffer = '';
      if (++i === commands.length) {
        socket.end();
        resolve(replies);
      } else socket.write(`${commands[i]}\r\n`);
    });
    socket.on('error', reject);
  });
}

async function persistence(e: Endpoint): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const [info] = await redis(e, ['INFO persistence']);
    if (info!.includes('rdb_bgsave_in_progress:0') && info!.includes('aof_rewrite_in_progress:0')) return info!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('background save did not finish');
}

/**
 * What an operator does to redis: its own benchmark, background saves, AOF on and rewritten, over
 * a dataset of about 6 MB (redis syncs saves every 4 MB written, so small datasets hide a path).
 */
async function operate(mined: Mined, live: LiveContainer): Promise<string> {
  const e = live.current.endpoint;
  const bench = await mined.runtime.exec(
    live.current.id,
    ['redis-benchmark', '-q', '-n', '3000', '-c', '12', '-d', '512', '-t', 'set,get,lpush,lpop,sadd,hset,zadd,mset'],
    60_000,
  );
  expect(bench.exitCode).toBe(0);
  // Random base64, so the RDB file stays about 6 MB: compressible values would shrink below 4 MB.
  await redis(
    e,
    Array.from({ length: 600 }, (_, i) => `SET pad:${i} ${randomBytes(7_500).toString('base64')}`),
  );
  await redis(e, ['SET big ' + 'x'.repeat(20_000), 'BGSAVE']);
  await persistence(e);
  await redis(e, ['CONFIG SET appendonly yes']);
  await persistence(e);
  await redis(e, ['BGREWRITEAOF']);
  await persistence(e);
  await redis(e, ['SAVE', 'CONFIG SET appendonly no', 'FLUSHALL ASYNC']);
  return persistence(e);
}

beforeAll(async () => {
  mined = await mineTarget('redis', { seed: 11 });
}, 300_000);

afterAll(async () => mined?.dispose());

describe('sandfuzz run --target redis', () => {
  it('saturates or spends its budget, and passes its own enforcement check', () => {
    const report = mined.outcome.report;
    expect(report.stop.discoveryProbability).toBeTypeOf('number');
    expect(report.stop.chao2).toBeTypeOf('number');
    expect('ok' in report.enforcement && report.enforcement.ok).toBe(true);
    for (const needed of ['clone', 'wait4', 'rename', 'fdatasync']) expect(mined.allowed).toContain(needed);
  });

  it('allows every syscall of benchmark, background saves and AOF rewrite it never saw', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined, live)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('keeps saves working under enforcement, and redis stops with exit 0', async () => {
    const { result: info, exitCode } = await underProfile(mined, (live) => operate(mined, live));
    expect(info).toContain('rdb_last_bgsave_status:ok');
    expect(info).toContain('aof_last_bgrewrite_status:ok');
    expect(exitCode).toBe(0);
  }, 180_000);
  it('argument rules: a socket probe under the mined profile opens AF_INET and no family the server never used', async () => {
    const opened = await socketFamiliesOpenUnder(mined, await buildSockprobeImage(mined.runtime.docker));
    expect(opened.AF_INET).toBe('ok');
    for (const family of ['AF_ALG', 'AF_VSOCK', 'AF_PACKET', 'AF_KEY', 'AF_XDP']) expect(opened[family], family).not.toBe('ok');
  }, 60_000);
});
