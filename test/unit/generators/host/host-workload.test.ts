import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHostCommand, serviceEnvironment } from '../../../../generators/_shared/host-command.js';
import { createHostWorkloadGenerator } from '../../../../generators/host/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sandfuzz-host-workload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const endpoint = { host: '127.0.0.1', port: 49153 };

describe("host workloads: the team's own commands as units", () => {
  it('runs each command in its folder with SANDFUZZ_HOST, SANDFUZZ_PORT and SANDFUZZ_URL; the answer is its exit status', async () => {
    writeFileSync(
      join(dir, 'check.mjs'),
      `
      import { writeFileSync } from 'node:fs';
      writeFileSync('seen.json', JSON.stringify({ host: process.env.SANDFUZZ_HOST, port: process.env.SANDFUZZ_PORT, url: process.env.SANDFUZZ_URL }));
      process.exit(Number(process.argv[2] ?? 0));
    `,
    );
    const g = createHostWorkloadGenerator(
      [
        { name: 'e2e', cmd: [process.execPath, 'check.mjs', '0'], cwd: dir, timeoutMs: 10_000 },
        { name: 'broken', cmd: [process.execPath, 'check.mjs', '3'], cwd: dir, timeoutMs: 10_000 },
      ],
      'http',
    );
    expect(g.families).toEqual(['workload:e2e', 'workload:broken']);
    const unit = g.generate('workload:e2e', 1);
    expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
    expect(g.family(unit)).toBe('workload:e2e');
    expect(await g.execute(unit, endpoint, { timeoutMs: 100 })).toEqual({ answers: ['exit 0 e2e'] });
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8'))).toEqual({ host: '127.0.0.1', port: '49153', url: 'http://127.0.0.1:49153' });
    expect(await g.execute(g.generate('workload:broken', 1), endpoint, { timeoutMs: 100 })).toEqual({ answers: ['exit 3 broken'] });
  });

  it('a command that hangs is ended at its timeout, with what it started; one that cannot start says so', async () => {
    const started = Date.now();
    const hang = await runHostCommand(
      [
        process.execPath,
        '-e',
        "require('child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 60000)'], {stdio: 'inherit'}); setTimeout(()=>{}, 60000)",
      ],
      { cwd: dir, env: {}, timeoutMs: 500 },
    );
    expect(hang.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    const missing = await runHostCommand(['/no/such/command'], { cwd: dir, env: {}, timeoutMs: 1000 });
    expect(missing.spawnError).toMatch(/ENOENT/);
    const g = createHostWorkloadGenerator(
      [{ name: 'slow', cmd: [process.execPath, '-e', 'setTimeout(()=>{}, 60000)'], cwd: dir, timeoutMs: 300 }],
      'tcp',
    );
    expect(await g.execute(g.generate('workload:slow', 1), endpoint, { timeoutMs: 100 })).toEqual({ answers: ['timeout slow'] });
  });

  it('an interrupt ends a running command', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const r = await runHostCommand([process.execPath, '-e', 'setTimeout(()=>{}, 60000)'], {
      cwd: dir,
      env: {},
      timeoutMs: 30_000,
      signal: controller.signal,
    });
    expect(r.signal).toBe('SIGKILL');
  });

  it("names the service by the protocol's scheme", () => {
    expect(serviceEnvironment({ host: '127.0.0.1', port: 6380 }, 'redis')).toEqual({
      SANDFUZZ_HOST: '127.0.0.1',
      SANDFUZZ_PORT: '6380',
      SANDFUZZ_URL: 'redis://127.0.0.1:6380',
    });
  });
});
