import { expect } from 'vitest';
import { fixtureAcceptanceSuite } from '../helpers/fixture-acceptance.js';
import { memcachedWorkload } from '../helpers/fixture-workloads.js';

// memcached speaks a protocol sandfuzz has no generator for: the generic TCP generator drives
// it, with an operator action (stats, flush_all from the host) and a workload from the target file.
fixtureAcceptanceSuite({
  name: 'memcached',
  title: 'mining a service sandfuzz does not speak (tcp)',
  seed: 9,
  workload: memcachedWorkload,
  report: { protocol: 'tcp', port: 11211 },
  mined: (_mined, report) => {
    const families = Object.keys(report.families as object);
    for (const f of [
      'tcp:connect-close',
      'tcp:half-close',
      'tcp:reset',
      'tcp:random-bytes',
      'tcp:recorded-bytes',
      'lifecycle:stats and flush_all',
      'workload:cache',
    ]) {
      expect(families, f).toContain(f);
    }
  },
});
