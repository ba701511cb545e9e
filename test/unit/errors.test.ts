import { describe, expect, it } from 'vitest';
import * as errors from '../../src/shared/errors.js';

type ErrorClass = new (message: string) => errors.SandfuzzError;

const classes = (Object.values(errors) as unknown[]).filter(
  (v): v is ErrorClass => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof errors.SandfuzzError,
);

describe('error classes', () => {
  it('each has a stable SF_ code and its own exit code', () => {
    const instances = classes.map((C) => new C('x'));
    expect(instances.length).toBeGreaterThanOrEqual(10);
    for (const e of instances) {
      expect(e.code).toMatch(/^SF_[A-Z_]+$/);
      expect(e.exitCode).toBeGreaterThan(0);
      expect(e.name).toBe(e.constructor.name);
    }
    expect(new Set(instances.map((e) => e.code)).size).toBe(instances.length);
    expect(new Set(instances.map((e) => e.exitCode)).size).toBe(instances.length);
  });

  it('leaves out a cause that repeats its wrapper behind an HTTP status prefix', () => {
    const raw = new Error('(HTTP code 500) server error - failed to update store: open : no such file');
    expect(errors.describeError(new errors.DockerError('start container abc: failed to update store: open : no such file', { cause: raw }))).toBe(
      'start container abc: failed to update store: open : no such file',
    );
  });

  it('describes a cause chain on one line', () => {
    const err = new errors.DockerError('start container abc', { cause: new Error('port is already allocated\nmore') });
    expect(errors.describeError(err)).toBe('start container abc: port is already allocated');
  });
});
