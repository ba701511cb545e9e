import Dockerode from 'dockerode';
import { prepareFixtureImages } from './fixture-images.js';

/**
 * vitest globalSetup entry: builds (or reuses) every fixture image once, before any test file runs.
 *   globalSetup: ['test/helpers/fixture-global-setup.ts']
 * No vitest import here: global setup runs outside the test runner. SANDFUZZ_SKIP_FIXTURES=1 skips
 * it (unit-only runs on a machine without Docker).
 */
export default async function setup(): Promise<void> {
  if (process.env.SANDFUZZ_SKIP_FIXTURES === '1') return;
  await prepareFixtureImages(new Dockerode());
}
