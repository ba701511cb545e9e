#!/usr/bin/env node
// Builds (or reuses) the fixture images of test/helpers/fixture-images.ts:
//   node test/helpers/build-fixtures.mjs [--rebuild] [go-http|py-api|memcached ...]
// Plain Node cannot import TypeScript, so the helper goes through Vite's module runner (Vite is a
// dev dependency, through vitest) exactly as the tests load it.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const rebuild = args.includes('--rebuild');
const names = args.filter((a) => !a.startsWith('--'));
const helper = fileURLToPath(new URL('./fixture-images.ts', import.meta.url));
const { module: fixtures } = await runnerImport(helper, { configFile: false, logLevel: 'error' });
const docker = new Docker();
const started = performance.now();
const wanted = names.length ? names : fixtures.FIXTURE_NAMES;
try {
  await fixtures.ensureFixtureImages(docker, wanted, { rebuild, log: (line) => console.error(line) });
} catch (err) {
  console.error(`build-fixtures: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
for (const name of wanted) {
  const info = await docker.getImage(fixtures.fixtureImage(name)).inspect();
  console.log(`${fixtures.fixtureImage(name)}  ${info.Id.slice(7, 19)}  ${(info.Size / 1e6).toFixed(1)} MB`);
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
