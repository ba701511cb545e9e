import { expect } from 'vitest';
import { fixtureAcceptanceSuite } from '../helpers/fixture-acceptance.js';
import { nodeApiWorkload } from '../helpers/fixture-workloads.js';

// Debian's Node.js running a one-file node:http service, uid 10002: libuv's thread pool (async fs,
// pbkdf2, scrypt, zlib), child processes (ls, sort), a SIGHUP handler, a graceful SIGTERM, and
// the team's own notes test as a workload. Mined from its target file like a user's image.
fixtureAcceptanceSuite({
  name: 'node-api',
  title: 'mining a Node.js service with a thread pool and subprocesses (target file)',
  seed: 3,
  workload: nodeApiWorkload,
  reloadSignal: 'SIGHUP',
  report: { protocol: 'http', port: 3000 },
  mined: (mined, report) => {
    expect(mined.allowed.size).toBeGreaterThan(30);
    expect(mined.allowed.size).toBeLessThanOrEqual(140);
    // The crawler reaches /files and /sort: node's children are executed.
    expect(mined.allowed).toContain('execve');
    expect(Object.keys(report.families as object)).toContain('workload:notes');
  },
});
