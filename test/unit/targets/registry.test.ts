import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, UnknownTargetError } from '../../../src/shared/errors.js';
import { BASE_IMAGE } from '../../../targets/build.js';
import { builtinTargetFile, getTarget, listTargets, TARGET_NAMES } from '../../../targets/index.js';
import { resolveTargetSpec } from '../../../targets/resolve.js';

describe('target registry', () => {
  it('lists every built-in once, each a target file named after its folder', () => {
    expect([...TARGET_NAMES]).toEqual(['nginx', 'redis', 'postgres']);
    expect(listTargets().map((t) => t.name)).toEqual([...TARGET_NAMES]);
    for (const name of TARGET_NAMES) {
      const def = getTarget(name);
      expect(def.source).toMatchObject({ kind: 'builtin', path: builtinTargetFile(name) });
      expect(def.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('loads the same definition for a built-in name and for its file path, except where it came from', () => {
    const byName = getTarget('redis');
    const byPath = getTarget(builtinTargetFile('redis'));
    expect(byPath.source.kind).toBe('file');
    expect({ ...byPath, source: undefined }).toEqual({ ...byName, source: undefined });
  });

  it.each(['mysql', '', 'NGINX', 'toString', '__proto__'])('rejects %j with an UnknownTargetError listing the built-ins', (name) => {
    const attempt = () => getTarget(name);
    expect(attempt).toThrow(UnknownTargetError);
    expect(attempt).toThrow(/nginx, redis, postgres/);
  });

  it('a path that is no file is an input error naming it', () => {
    expect(() => getTarget('./no-such-target.yaml')).toThrow(InputFileError);
    expect(() => getTarget('./no-such-target.yaml')).toThrow('cannot read target file ./no-such-target.yaml: no such file');
  });

  it.each(TARGET_NAMES)('%s has a build context holding a Dockerfile FROM the base image', (name) => {
    const def = getTarget(name);
    const dir = def.build!.contextDir;
    expect(statSync(dir).isDirectory()).toBe(true);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^FROM ${BASE_IMAGE}$`, 'm'));
    expect(def.image).toBe(`sandfuzz/${name}:latest`);
  });

  it('names protocols and standard ports, budgets, and gives postgres a larger /dev/shm', () => {
    const [nginx, redis, postgres] = TARGET_NAMES.map((n) => resolveTargetSpec(getTarget(n), []).spec);
    expect([nginx!.port, redis!.port, postgres!.port]).toEqual([80, 6379, 5432]);
    expect([nginx!.generator, redis!.generator, postgres!.generator]).toEqual(['http', 'redis', 'postgres']);
    expect([nginx!.miningBudgetSec, redis!.miningBudgetSec, postgres!.miningBudgetSec]).toEqual([75, 110, 110]);
    expect(postgres!.run.shmSizeBytes).toBe(256 * 1024 * 1024);
    expect(nginx!.ready.probe).toEqual({ kind: 'http', path: '/', status: 200 });
    expect(redis!.ready.probe).toEqual({ kind: 'tcp', send: 'PING\r\n', expect: '+PONG' });
    expect(postgres!.ready.probe).toEqual({ kind: 'protocol' });
    for (const spec of [nginx!, redis!, postgres!]) {
      expect(spec.run.stopTimeoutSec).toBe(10);
      for (const action of spec.lifecycle) expect(action.settleMs).toBeGreaterThan(0);
      expect(new Set(spec.lifecycle.map((a) => a.name)).size).toBe(spec.lifecycle.length);
    }
    expect(redis!.lifecycle.map((a) => a.kind)).toEqual(['exec', 'exec', 'exec', 'exec', 'idle', 'restart', 'restart']);
    expect(redis!.lifecycle.at(-1)).toMatchObject({ kind: 'restart', hard: true });
    expect(nginx!.lifecycle[0]).toEqual({ kind: 'signal', name: 'reload (SIGHUP)', signal: 'SIGHUP', settleMs: 1000 });
  });
});
