import { describe, expect, it } from 'vitest';
import { createRespGenerator, resolveRespConstraints } from '../../../../generators/resp/index.js';
import { UsageError } from '../../../../src/shared/errors.js';

describe('resolveRespConstraints', () => {
  it('fills the defaults', () => {
    expect(resolveRespConstraints()).toEqual({ maxCommandsPerUnit: 12, maxValueBytes: 8 * 1024 * 1024, keyPoolSize: 8, blockingTimeoutMs: 1000 });
    expect(resolveRespConstraints({ keyPoolSize: 3 }).keyPoolSize).toBe(3);
  });

  it('names the option it refuses', () => {
    const cases: [object, string][] = [
      [{ maxCommandsPerUnit: 3 }, 'redis.maxCommandsPerUnit'],
      [{ maxCommandsPerUnit: 2.5 }, 'redis.maxCommandsPerUnit'],
      [{ maxValueBytes: 1024 }, 'redis.maxValueBytes'],
      [{ maxValueBytes: 2 ** 40 }, 'redis.maxValueBytes'],
      [{ keyPoolSize: 0 }, 'redis.keyPoolSize'],
      [{ blockingTimeoutMs: 0 }, 'redis.blockingTimeoutMs'],
      [{ blockingTimeoutMs: Number.NaN }, 'redis.blockingTimeoutMs'],
    ];
    for (const [constraints, option] of cases) {
      expect(() => resolveRespConstraints(constraints)).toThrow(UsageError);
      expect(() => resolveRespConstraints(constraints)).toThrow(option);
    }
    expect(() => createRespGenerator({ keyPoolSize: -1 })).toThrow('redis.keyPoolSize');
  });
});
