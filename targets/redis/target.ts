import { connect } from 'node:net';
import type { Endpoint } from '../../generators/types.js';
import { targetContextDir } from '../paths.js';
import type { TargetSpec } from '../types.js';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Healthy once a raw `PING` answers `+PONG` (a loading server answers -LOADING). Raw TCP keeps the
 * probe free of client-library handshakes (HELLO, CLIENT SETINFO) that would show up in traces.
 */
function ready(endpoint: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    let reply = '';
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    socket.setEncoding('latin1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG\r\n'));
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}

export const redis: TargetSpec = {
  name: 'redis',
  description: "redis-server 7.0 with Debian's redis.conf, listening on all interfaces",
  image: 'sandfuzz/redis:latest',
  contextDir: targetContextDir('redis'),
  port: 6379,
  generator: 'redis',
  run: { stopTimeoutSec: 10 },
  miningBudgetSec: 110,
  ready,
  lifecycle: [
    // A dataset above 4 MB, so that the saves below take the path every real dataset takes: redis
    // syncs an RDB or AOF file every 4 MB it writes (sync_file_range). Without that call in the
    // profile, BGSAVE of a bigger dataset fails with "Write error saving DB on disk".
    { kind: 'exec', name: 'redis-benchmark 7 MB dataset', cmd: ['redis-benchmark', '-q', '-t', 'set', '-n', '2000', '-r', '1000', '-d', '8192', '-c', '4'], settleMs: 300 },
    // A background save forks a child and writes the RDB file: a path start-up never takes.
    { kind: 'exec', name: 'redis-cli BGSAVE', cmd: ['redis-cli', 'BGSAVE'], settleMs: 1_000 },
    // What operators run inside the container: the server's own benchmark (every command type
    // it knows, pipelined) and an RDB backup over the replication protocol (SYNC: the server
    // forks and streams a snapshot to a replica-like client).
    { kind: 'exec', name: 'redis-benchmark', cmd: ['redis-benchmark', '-q', '-n', '2000', '-c', '8', '-P', '4'], settleMs: 300 },
    { kind: 'exec', name: 'redis-cli --rdb backup', cmd: ['redis-cli', '--rdb', '/tmp/sandfuzz-backup.rdb'], settleMs: 300 },
    // serverCron runs at hz 10: active expiry, rehashing, client timeouts, fsync of a pending AOF.
    { kind: 'idle', name: 'idle 2 s', settleMs: 2_000 },
    // SIGTERM saves the dataset; the next start loads the RDB file: a path an empty start never takes.
    { kind: 'restart', name: 'restart (load RDB)', settleMs: 300 },
    // Killed without a save: the next start loads whatever RDB/AOF an earlier save left.
    { kind: 'restart', name: 'restart after SIGKILL', settleMs: 300, hard: true },
  ],
};
