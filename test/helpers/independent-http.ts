import { connect } from 'node:net';
import autocannon from 'autocannon';
import type { Endpoint } from '../../generators/types.js';

/** Sends raw bytes, resolves with the first status code seen ('closed' if none). */
export function raw(endpoint: Endpoint, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(endpoint.port, endpoint.host);
    let data = '';
    const done = (): void => {
      socket.destroy();
      resolve(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 'closed');
    };
    socket.setTimeout(3_000, done);
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('end', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

/**
 * Traffic written independently of sandfuzz's generator, the kind an operator would throw at a
 * server: a load tool with many connections and pipelining, plus odd raw requests.
 */
export async function independentHttpWorkload(endpoint: Endpoint): Promise<{ non2xx: number; errors: number; rawAnswers: string[] }> {
  const base = `http://${endpoint.host}:${endpoint.port}`;
  let non2xx = 0;
  let errors = 0;
  for (const [path, pipelining] of [
    ['/', 1],
    ['/static/64k.txt', 4],
    ['/static/1m.bin', 1],
    ['/sub/', 2],
  ] as const) {
    const r = await autocannon({ url: `${base}${path}`, connections: 32, pipelining, duration: 2 });
    non2xx += r.non2xx;
    errors += r.errors;
  }
  const rawAnswers = [
    await raw(endpoint, 'GET / HTTP/1.0\r\n\r\n'),
    await raw(endpoint, 'GET /static/1m.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9,100-199\r\nConnection: close\r\n\r\n'),
    await raw(endpoint, 'HEAD /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    await raw(endpoint, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n'),
    await raw(endpoint, 'GARBAGE\r\n\r\n'),
    await raw(endpoint, `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
    await raw(endpoint, 'GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT\r\nConnection: close\r\n\r\n'),
  ];
  return { non2xx, errors, rawAnswers };
}
