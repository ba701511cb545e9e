import Dockerode from 'dockerode';
import { beforeAll } from 'vitest';
import { FIXTURE_BUILD_TIMEOUT_MS, FIXTURE_NAMES, prepareFixtureImages, type FixtureName } from './fixture-images.js';

/**
 * Builds (or reuses) fixture images once for a test file. A throwing beforeAll would only mark the
 * tests skipped, so the outcome is kept and each test awaits it: a broken build fails every test
 * that needs the images, with the build's error.
 *
 *   const fixtures = useFixtureImages(['py-api']);
 *   it('mines py-api', async () => { await fixtures(); ... });
 */
export function useFixtureImages(names: readonly FixtureName[] = FIXTURE_NAMES, docker: Dockerode = new Dockerode()): () => Promise<void> {
  let prepared: Promise<void> | undefined;
  beforeAll(async () => {
    prepared = prepareFixtureImages(docker, names);
    await prepared.catch(() => undefined);
  }, FIXTURE_BUILD_TIMEOUT_MS);
  return () => prepared ?? Promise.reject(new Error('useFixtureImages: call it at the top level of the test file'));
}

