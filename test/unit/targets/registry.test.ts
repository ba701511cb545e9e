import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { BASE_IMAGE } from '../../../targets/build.js';
import { getTarget, listTargets, TARGET_NAMES, TARGETS } from '../../../targets/index.js';

describe('target registry', () => {
  it('lists every target once, keyed by its own name', () => {
    expect([...TARGET_NAMES]).toEqual(['nginx', 'redis', 'postgres']);
    for (const [key, spec] of Object.entries(TARGETS)) expect(spec.name).toBe(key);
    expect(listTargets().map((t) => t.name)).toEqual([...TARGET_NAMES]);
  });

  it('returns the spec for a known name', () => {
    expect(getTarget('redis')).toBe(TARGETS.redis);
  });

  it.each(['mysql', '', 'NGINX', 'toString', '__proto__'])('rejects %j with a UsageError listing the names', (name) => {
    const attempt = () => getTarget(name);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/nginx, redis, postgres/);
  });

  it.each(TARGET_NAMES)('%s has a build context holding a Dockerfile FROM the base image', (name) => {
    const spec = TARGETS[name];
    expect(statSync(spec.contextDir).isDirectory()).toBe(true);
    const dockerfile = readFileSync(join(spec.contextDir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^FROM ${BASE_IMAGE}$`, 'm'));
    expect(spec.image).toBe(`sandfuzz/${name}:latest`);
  });

  it('publishes the standard ports and gives postgres a larger /dev/shm', () => {
    expect([TARGETS.nginx.port, TARGETS.redis.port, TARGETS.postgres.port]).toEqual([80, 6379, 5432]);
    expect(TARGETS.postgres.run.shmSizeBytes).toBe(256 * 1024 * 1024);
    for (const spec of listTargets()) {
      for (const action of spec.lifecycle) expect(action.settleMs).toBeGreaterThan(0);
    }
  });
});
