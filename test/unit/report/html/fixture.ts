import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProfile } from '../../../../src/profile/parse.js';
import type { SeccompProfile } from '../../../../src/profile/seccomp.js';
import { type KeptCorpus, parseKeptCorpus, parseRunReport } from '../../../../src/report/html/inputs.js';
import type { RunReport } from '../../../../src/report/run-report.js';

/** A real nginx run (seed 1, saturated, enforcement passed) and Docker 20.10.24's default profile. */
export const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../../../fixtures');
export const RUN_DIR = resolve(FIXTURES, 'nginx-run');
export const DOCKER_DEFAULT = resolve(FIXTURES, 'docker/default-20.10.24.json');

const read = (path: string): string => readFileSync(path, 'utf8');

export function loadRun(): { report: RunReport; profile: SeccompProfile; corpus: KeptCorpus; dockerDefault: SeccompProfile } {
  return {
    report: parseRunReport(read(resolve(RUN_DIR, 'report.json')), 'report.json'),
    profile: parseProfile(read(resolve(RUN_DIR, 'seccomp.json')), 'seccomp.json'),
    corpus: parseKeptCorpus(read(resolve(RUN_DIR, 'corpus.json')), 'corpus.json'),
    dockerDefault: parseProfile(read(DOCKER_DEFAULT), 'default.json'),
  };
}

/** The mined profile with extra names in its first (plain allow) rule. */
export function withAllowed(profile: SeccompProfile, ...names: string[]): SeccompProfile {
  const [first, ...rest] = profile.syscalls;
  return { ...profile, syscalls: [{ ...first!, names: [...first!.names, ...names] }, ...rest] };
}
