import { connect } from 'node:net';
import type { Endpoint } from '../../generators/types.js';
import { raw } from './independent-http.js';

/**
 * Static workloads: the same bytes in the same order on every run, each exchange finished before
 * the next starts, so two observers of one run (or two runs) see the same server behaviour.
 */

/** Fixed HTTP requests to the nginx target; returns the status codes, in order. */
export async function fixedNginxRequests(endpoint: Endpoint): Promise<string[]> {
  const close = 'Connection: close\r\n';
  const requests = [
    `GET / HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    `GET /static/64k.txt HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    `GET /static/1m.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9,100-199\r\n${close}\r\n`,
    `GET /sub/ HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    `HEAD /nope HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n${close}\r\n5\r\nhello\r\n0\r\n\r\n`,
    // The image stamps this file 2024-01-01: nginx answers 304 to that exact date.
    `GET /static/64k.txt HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT\r\n${close}\r\n`,
    // Two requests pipelined on one keep-alive connection, the second one closing it.
    `GET /sub/hello.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /index.nginx-debian.html HTTP/1.1\r\nHost: x\r\n${close}\r\n`,
    'GARBAGE\r\n\r\n',
  ];
  const codes: string[] = [];
  for (const r of requests) codes.push(await raw(endpoint, r));
  return codes;
}

/** RESP of one command, as a client library would send it. */
function resp(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * One connection that sends a command and waits for its whole answer: a PING follows every
 * command, and answers come in order, so the +PONG after it marks the end (no RESP parser needed).
 */
class RespConnection {
  private data = '';
  private waiter: (() => void) | undefined;
  private constructor(private readonly socket: ReturnType<typeof connect>) {
    socket.on('data', (c) => {
      this.data += c.toString('latin1');
      this.waiter?.();
    });
  }

  static open(endpoint: Endpoint): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(endpoint.port, endpoint.host, () => resolve(new RespConnection(socket)));
      socket.once('error', reject);
    });
  }

  async command(...args: string[]): Promise<string> {
    this.data = '';
    this.socket.write(resp(args) + resp(['PING']));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis did not answer ${args[0]}`)), 10_000);
      this.waiter = () => {
        if (this.data.endsWith('+PONG\r\n')) clearTimeout(timer), resolve();
      };
      this.waiter();
    });
    return this.data.slice(0, -'+PONG\r\n'.length);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.end(resolve));
  }
}

/** Fixed commands to the redis target, a background save (a fork) included; returns the answers. */
export async function fixedRedisCommands(endpoint: Endpoint): Promise<string[]> {
  const c = await RespConnection.open(endpoint);
  const answers: string[] = [];
  const commands: string[][] = [
    ['SET', 'fidelity:k', 'hello'],
    ['GET', 'fidelity:k'],
    ['APPEND', 'fidelity:k', ' world'],
    ['INCR', 'fidelity:n'],
    ['INCRBY', 'fidelity:n', '41'],
    ['MSET', 'fidelity:a', '1', 'fidelity:b', '2'],
    ['MGET', 'fidelity:a', 'fidelity:b'],
    ['LPUSH', 'fidelity:l', 'a', 'b', 'c'],
    ['LRANGE', 'fidelity:l', '0', '-1'],
    ['RPOP', 'fidelity:l'],
    ['HSET', 'fidelity:h', 'f', 'v', 'g', 'w'],
    ['HGETALL', 'fidelity:h'],
    ['SADD', 'fidelity:s', 'x', 'y'],
    ['SMEMBERS', 'fidelity:s'],
    ['ZADD', 'fidelity:z', '1', 'one', '2', 'two'],
    ['ZRANGE', 'fidelity:z', '0', '-1', 'WITHSCORES'],
    ['EXPIRE', 'fidelity:k', '100'],
    ['TTL', 'fidelity:k'],
    ['SET', 'fidelity:big', 'x'.repeat(256 * 1024)],
    ['STRLEN', 'fidelity:big'],
    ['KEYS', 'fidelity:*'],
    ['DBSIZE'],
    ['INFO'],
    ['CONFIG', 'GET', 'maxmemory'],
    ['CLIENT', 'SETNAME', 'fidelity'],
    ['CLIENT', 'LIST'],
    ['SELECT', '1'],
    ['SET', 'other', '1'],
    ['FLUSHDB'],
    ['SELECT', '0'],
    ['DEL', 'fidelity:a', 'fidelity:b'],
    ['BGSAVE'],
  ];
  for (const args of commands) answers.push(await c.command(...args));
  // The save forks; its child writes the RDB file and the parent reaps it: wait until it has.
  const deadline = Date.now() + 20_000;
  while (/rdb_bgsave_in_progress:1/.test(await c.command('INFO', 'persistence'))) {
    if (Date.now() > deadline) throw new Error('BGSAVE did not finish in 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  answers.push(/rdb_last_bgsave_status:(\w+)/.exec(await c.command('INFO', 'persistence'))?.[1] ?? '?');
  await c.close();
  return answers;
}
