import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/config/duration.js';
import { resolveRunOptions } from '../../../src/config/run-options.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['2m', 120_000],
    ['1500ms', 1_500],
    ['1h', 3_600_000],
    ['45', 45_000],
    [30, 30_000],
    ['0.5s', 500],
  ])('%s', (text, ms) => expect(parseDuration('--x', text)).toBe(ms));
  it.each(['', 'abc', '-5s', '5 minutes', '0s', '1d'])('rejects %j naming the option', (text) => {
    expect(() => parseDuration('--max-time', text)).toThrow(UsageError);
    expect(() => parseDuration('--max-time', text)).toThrow(/--max-time/);
  });
});

describe('resolveRunOptions', () => {
  const env = { now: new Date('2026-11-29T07:00:00.123Z'), random: () => 0.5, cwd: '/tmp/w' };

  it('fills every default', () => {
    expect(resolveRunOptions({ target: 'nginx' }, env)).toEqual({
      target: 'nginx',
      outDir: '/tmp/w/reports/nginx-20261129-070000Z',
      seed: 1073741823,
      maxTimeMs: 75_000,
      discoveryThreshold: 1e-3,
      minUnits: undefined,
      guidance: 'unguided',
      unitTimeoutMs: 10_000,
      holdoutShare: 0.2,
      format: 'docker',
      args: 'mined',
      complain: false,
      enforce: true,
      json: false,
    });
  });

  it('guides only when asked: unguided is the measured default (scripts/compare-guidance.ts)', () => {
    expect(resolveRunOptions({ target: 'nginx', guidance: true }, env).guidance).toBe('guided');
    expect(resolveRunOptions({ target: 'nginx' }, env).guidance).toBe('unguided');
  });

  it('keeps what the user gave', () => {
    const r = resolveRunOptions(
      { target: 'nginx', out: 'o', seed: '42', maxTime: '2m', threshold: '0.01', minUnits: '10', guidance: false, json: true, enforce: false },
      env,
    );
    expect(r).toMatchObject({
      outDir: '/tmp/w/o',
      seed: 42,
      maxTimeMs: 120_000,
      discoveryThreshold: 0.01,
      minUnits: 10,
      guidance: 'unguided',
      json: true,
      enforce: false,
    });
  });

  it.each([
    [{ seed: 'x' }, /--seed/],
    [{ seed: -1 }, /--seed/],
    [{ seed: 2 ** 31 }, /--seed/],
    [{ minUnits: 0 }, /--min-units/],
    [{ threshold: '1' }, /--threshold/],
    [{ threshold: 'often' }, /--threshold/],
    [{ unitTimeout: 'soon' }, /--unit-timeout/],
  ])('rejects %j with a message naming the option', (bad, message) => {
    expect(() => resolveRunOptions({ target: 'nginx', ...bad }, env)).toThrow(message);
  });
});
