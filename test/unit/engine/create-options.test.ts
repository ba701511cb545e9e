import { describe, expect, it } from 'vitest';
import { createOptions } from '../../../src/engine/docker/dockerode-runtime.js';

const spec = { name: 'n', image: 'i', seccompProfile: 'unconfined', labels: {} };

describe('the engine create request', () => {
  it('caps a benchmarked server on a 10 ms CFS period, and pins it', () => {
    const host = createOptions({ ...spec, cpusetCpus: '1', cpuLimit: 0.5 }).HostConfig!;
    expect(host.CpusetCpus).toBe('1');
    expect({ period: host.CpuPeriod, quota: host.CpuQuota }).toEqual({ period: 10_000, quota: 5_000 });
  });

  it('leaves a mined container unlimited', () => {
    const host = createOptions(spec).HostConfig!;
    expect([host.CpuPeriod, host.CpuQuota, host.NanoCpus, host.CpusetCpus]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
