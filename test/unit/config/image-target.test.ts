import { describe, expect, it } from 'vitest';
import { definitionFromFlags } from '../../../src/config/image-target.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('sandfuzz run --image: a minimal target file, written as flags', () => {
  it('maps each flag onto the target it describes', () => {
    const def = definitionFromFlags(
      {
        image: 'team/api:2',
        protocol: 'http',
        port: '8000',
        ready: '/health',
        readyTimeout: '90s',
        env: ['MODE=test', 'EMPTY='],
        openapi: '/openapi.json',
        workloadCmd: ['npm run e2e', "node -e 'process.exit(0)'"],
        user: '1000',
        readOnly: true,
        tmpfs: ['/tmp'],
      },
      '/work/team',
    );
    expect(def).toMatchObject({
      name: 'api',
      image: 'team/api:2',
      protocol: 'http',
      port: 8000,
      ready: { probe: { kind: 'http', path: '/health' }, timeoutMs: 90_000 },
      run: { environment: { MODE: 'test', EMPTY: '' }, user: '1000', readOnly: true, tmpfs: { '/tmp': '' } },
      openapi: { path: '/openapi.json' },
      source: { kind: 'command-line' },
    });
    expect(def.workloads).toEqual([
      { name: 'workload-1', cmd: ['npm', 'run', 'e2e'], cwd: '/work/team', timeoutMs: 120_000 },
      { name: 'workload-2', cmd: ['node', '-e', 'process.exit(0)'], cwd: '/work/team', timeoutMs: 120_000 },
    ]);
  });

  it('ready forms: tcp and exec', () => {
    expect(definitionFromFlags({ image: 'x', ready: 'tcp' }).ready.probe).toEqual({ kind: 'tcp' });
    expect(definitionFromFlags({ image: 'x', ready: 'exec:redis-cli ping' }).ready.probe).toEqual({ kind: 'exec', cmd: ['redis-cli', 'ping'] });
    expect(definitionFromFlags({ image: 'x' }).ready.probe).toEqual({ kind: 'protocol' });
  });

  it('hashes the same flags to the same provenance, different ones differently', () => {
    const a = definitionFromFlags({ image: 'x', port: 80, env: ['A=1'] });
    const b = definitionFromFlags({ image: 'x', env: ['A=1'], port: '80' });
    const c = definitionFromFlags({ image: 'x', port: 81, env: ['A=1'] });
    expect(a.source.sha256).toBe(b.source.sha256);
    expect(a.source.sha256).not.toBe(c.source.sha256);
  });

  it.each([
    [{ image: 'x', protocol: 'gopher' }, '--protocol: expected one of http, resp, postgres, tcp'],
    [{ image: 'x', port: 'eighty' }, '--port: expected a port number'],
    [{ image: 'x', port: 0 }, '--port: expected a port from 1 to 65535'],
    [{ image: 'x', env: ['=1'] }, '--env'],
    [{ image: 'x', ready: 'soon' }, "--ready must be an HTTP path ('/health'), 'tcp' or 'exec:CMD ARGS' (got 'soon')"],
    [{ image: 'x', readyTimeout: 'later' }, "--ready.timeout: expected a duration such as '5s', '1m30s' or '500ms' (got 'later')"],
    [{ image: '' }, '--image: expected an image reference'],
    [{ image: 'x', workloadCmd: ['  '] }, "--workload-cmd needs a command (got '  ')"],
  ])('%j -> a usage error naming the flag', (flags, message) => {
    expect(() => definitionFromFlags(flags)).toThrow(UsageError);
    expect(() => definitionFromFlags(flags)).toThrow(message);
  });
});
