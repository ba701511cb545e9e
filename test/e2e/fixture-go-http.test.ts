import { expect } from 'vitest';
import { fixtureAcceptanceSuite } from '../helpers/fixture-acceptance.js';
import { goHttpWorkload } from '../helpers/fixture-workloads.js';

// A Go file server FROM scratch: a static binary without a shell or libc, uid 65534, read-only
// root filesystem. Not a built-in target: mined from its target file like a user's image.
fixtureAcceptanceSuite({
  name: 'go-http',
  title: 'mining a static Go server without a shell (target file)',
  seed: 3,
  workload: goHttpWorkload,
  reloadSignal: 'SIGHUP',
  report: { protocol: 'http', port: 8080 },
  mined: (mined) => {
    expect(mined.allowed.size).toBeGreaterThan(30);
    expect(mined.allowed.size).toBeLessThanOrEqual(110);
    // A Go binary with no shell in its image never executes anything after its own start.
    expect(mined.allowed).not.toContain('execveat');
  },
});
