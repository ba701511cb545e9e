import { Client } from 'undici';
import type { Endpoint } from '../../generators/types.js';
import { targetContextDir } from '../paths.js';
import type { TargetSpec } from '../types.js';

const PROBE_TIMEOUT_MS = 2_000;

/** Healthy once GET / answers 200. A fresh client per probe, destroyed after, leaks no socket. */
async function ready(endpoint: Endpoint): Promise<boolean> {
  const client = new Client(`http://${endpoint.host}:${endpoint.port}`, {
    connectTimeout: PROBE_TIMEOUT_MS,
    headersTimeout: PROBE_TIMEOUT_MS,
    bodyTimeout: PROBE_TIMEOUT_MS,
  });
  try {
    const res = await client.request({ method: 'GET', path: '/', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body.dump();
    return res.statusCode === 200;
  } catch {
    return false;
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

export const nginx: TargetSpec = {
  name: 'nginx',
  description: "nginx-light 1.22 with Debian's nginx.conf and default site, plus static files",
  image: 'sandfuzz/nginx:latest',
  contextDir: targetContextDir('nginx'),
  port: 80,
  generator: 'http',
  // Files the Dockerfile puts in Debian's default document root, beside the default index page.
  workload: {
    paths: ['/', '/index.nginx-debian.html', '/static/1m.bin', '/static/64k.txt', '/static/', '/sub/', '/sub/hello.txt', '/sub/index.html'],
  },
  run: { stopTimeoutSec: 10 },
  miningBudgetSec: 75,
  ready,
  lifecycle: [
    { kind: 'signal', name: 'reload (SIGHUP)', signal: 'SIGHUP', settleMs: 1_000 },
    { kind: 'signal', name: 'reopen logs (SIGUSR1)', signal: 'SIGUSR1', settleMs: 500 },
    { kind: 'exec', name: 'nginx -s reload', cmd: ['nginx', '-s', 'reload'], settleMs: 1_000 },
    { kind: 'exec', name: 'nginx -s reopen', cmd: ['nginx', '-s', 'reopen'], settleMs: 500 },
    // Start-up with the logs, temp dirs and pid file an earlier run left behind.
    { kind: 'restart', name: 'restart', settleMs: 300 },
  ],
};
