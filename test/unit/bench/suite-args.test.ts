import { describe, expect, it } from 'vitest';
import { parseSeeds, parseSuiteArgs } from '../../../src/bench/suite-args.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('npm run bench arguments', () => {
  it('defaults to the real run: every section, 3 built-ins, 5 seeds, jobs 2 with the proof', () => {
    const { options, json, maxTime } = parseSuiteArgs([]);
    expect(options.sections).toEqual(['saturation', 'throughput', 'guidance', 'jobs']);
    expect(options.targets).toEqual(['nginx', 'redis', 'postgres']);
    expect(options.seeds).toEqual([1, 2, 3, 4, 5]);
    expect(options.throughput).toEqual({ rounds: 3, measureSec: 4, warmupSec: 1, connections: 16 });
    expect(options.guidance).toEqual({ targets: ['nginx', 'redis', 'postgres'], seeds: [1, 2, 3, 4, 5], budgetMs: 30_000 });
    expect(options.jobs).toEqual({ jobs: 2, seeds: [1, 2], enforce: true });
    expect(json).toBe(false);
    expect(maxTime).toBeUndefined();
  });

  it('--quick shortens everything, and explicit options still win over it', () => {
    const q = parseSuiteArgs(['--quick', '--json']);
    expect(q.json).toBe(true);
    expect(q.maxTime).toBe('30s');
    expect(q.options.seeds).toEqual([1]);
    expect(q.options.throughput.rounds).toBe(1);
    expect(q.options.jobs).toEqual({ jobs: 2, seeds: [1], enforce: false });
    const mixed = parseSuiteArgs(['--quick', '--seeds', '3', '--max-time', '45s', '--targets', 'nginx,redis']);
    expect(mixed.options.seeds).toEqual([1, 2, 3]);
    expect(mixed.maxTime).toBe('45s');
    expect(mixed.options.guidance.targets).toEqual(['nginx', 'redis']);
  });

  it('takes seeds as a count or as a list', () => {
    expect(parseSeeds('--seeds', '3')).toEqual([1, 2, 3]);
    expect(parseSeeds('--seeds', '7,11, 13')).toEqual([7, 11, 13]);
    expect(parseSeeds('--seeds', '9,')).toEqual([9]);
    expect(() => parseSeeds('--seeds', '0')).toThrow(UsageError);
    expect(() => parseSeeds('--seeds', '1,x')).toThrow(/not a seed/);
  });

  it('refuses unknown sections, options, bad durations and a jobs section without parallelism', () => {
    expect(() => parseSuiteArgs(['--sections', 'saturation,speed'])).toThrow(/unknown section 'speed'/);
    expect(() => parseSuiteArgs(['--frobnicate'])).toThrow();
    expect(() => parseSuiteArgs(['--max-time', 'soon'])).toThrow(UsageError);
    expect(() => parseSuiteArgs(['--jobs', '1'])).toThrow(/at least 2/);
    expect(parseSuiteArgs(['--jobs', '1', '--sections', 'saturation']).options.jobs.jobs).toBe(1);
  });
});
