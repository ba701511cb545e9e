import { connect } from 'node:net';
import type { LoadResult, LoadRunner } from './types.js';
import { percentile } from './types.js';

// SET then GET of a small value, the mix redis-benchmark starts with; inline RESP, one at a time.
const COMMANDS = [
  Buffer.from('*3\r\n$3\r\nSET\r\n$8\r\nbench:ke\r\n$16\r\nxxxxxxxxxxxxxxxx\r\n'),
  Buffer.from('*2\r\n$3\r\nGET\r\n$8\r\nbench:ke\r\n'),
];

/** One connection sending commands back to back until the time is up; counts complete replies. */
function worker(host: string, port: number, until: number, latencies: number[]): Promise<{ done: number; errors: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let done = 0;
    let errors = 0;
    let sentAt = 0;
    let i = 0;
    let buffered = '';
    const send = (): void => {
      if (Date.now() >= until) {
        socket.destroy();
        resolve({ done, errors });
        return;
      }
      sentAt = performance.now();
      socket.write(COMMANDS[i++ % COMMANDS.length]!);
    };
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      // Replies here are +OK or a $16 bulk: a complete one ends with CRLF after its payload.
      const complete =
        buffered.startsWith('+') || buffered.startsWith('-') || buffered.startsWith('$-1')
          ? buffered.endsWith('\r\n')
          : /^\$\d+\r\n[\s\S]*\r\n$/.test(buffered) && buffered.split('\r\n').length >= 3;
      if (!complete) return;
      if (buffered.startsWith('-')) errors++;
      buffered = '';
      done++;
      latencies.push(performance.now() - sentAt);
      send();
    });
    socket.on('error', () => {
      errors++;
      resolve({ done, errors });
    });
  });
}

/** Redis load: SET/GET round trips on several connections. */
export const redisLoad: LoadRunner = async (endpoint, options): Promise<LoadResult> => {
  const until = Date.now() + options.seconds * 1000;
  const latencies: number[] = [];
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: options.connections }, () => worker(endpoint.host, endpoint.port, until, latencies)));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const done = results.reduce((a, r) => a + r.done, 0);
  return {
    throughput: done / seconds,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    errors: results.reduce((a, r) => a + r.errors, 0),
  };
};
