import { InputFileError } from '../../shared/errors.js';
import type { AllowedValue, ArgRuleOutcome } from '../../profile/args/index.js';
import type { SeccompProfile } from '../../profile/seccomp.js';
import type { ProfileWarning } from '../../profile/warnings.js';
import type { RunReport } from '../run-report.js';

/** Where Debian's golang-github-docker-docker-dev installs Docker's default seccomp profile. */
export const DOCKER_DEFAULT_PROFILE_PATH = '/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json';

/** The Debian package that ships it (named in the page when the file is missing). */
export const DOCKER_DEFAULT_PACKAGE = 'golang-github-docker-docker-dev';

/** Docker's default profile as found on this machine, or why it could not be used. */
export type DockerDefaultInput =
  | { readonly path: string; readonly profile: SeccompProfile; readonly packageVersion?: string }
  | { readonly path: string; readonly problem: string };

/** The part of corpus.json the report uses: which units were kept, under which seed. */
export interface KeptCorpus {
  readonly generator: string;
  readonly seed: number;
  readonly units: ReadonlyArray<{ readonly index: number; readonly family: string; readonly description: string }>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new InputFileError(`${source}: not valid JSON (${why})`, { cause: err });
  }
}

/**
 * Parses report.json, checking the fields the HTML report reads so that a foreign or truncated
 * file fails with one line instead of a TypeError deep in rendering.
 */
export function parseRunReport(text: string, source: string): RunReport {
  const o = parseJson(text, source);
  const bad = (what: string): InputFileError => new InputFileError(`${source}: not a sandfuzz report.json (${what})`);
  if (!isObj(o)) throw bad('top level is not an object');
  for (const key of ['target', 'image', 'imageId', 'kernel', 'dockerVersion', 'startedAt', 'endedAt', 'stopReason']) {
    if (typeof o[key] !== 'string') throw bad(`"${key}" is not a string`);
  }
  for (const key of ['seed', 'unitsRun', 'miningMs']) {
    if (typeof o[key] !== 'number') throw bad(`"${key}" is not a number`);
  }
  for (const key of ['syscalls', 'curve', 'estimateCurve', 'unnamed', 'keptUnits']) {
    if (!Array.isArray(o[key])) throw bad(`"${key}" is not an array`);
  }
  for (const key of ['stop', 'enforcement', 'families', 'profile']) {
    if (!isObj(o[key])) throw bad(`"${key}" is not an object`);
  }
  (o.syscalls as unknown[]).forEach((s, i) => {
    if (!isObj(s) || typeof s.name !== 'string' || typeof s.firstSeenMs !== 'number' || !isObj(s.foundBy)) {
      throw bad(`syscalls[${i}] lacks name, firstSeenMs or foundBy`);
    }
  });
  (o.curve as unknown[]).forEach((p, i) => {
    if (!isObj(p) || typeof p.ms !== 'number' || typeof p.units !== 'number') throw bad(`curve[${i}] lacks ms or units`);
  });
  // Newer keys, read tolerantly. A report.json from before argument rules lacks them: they stay
  // absent, so the page can say the run predates them rather than that there are none.
  return {
    ...o,
    ...(o.argumentRules !== undefined ? { argumentRules: argumentRulesOf(o.argumentRules) } : {}),
    ...(o.warnings !== undefined ? { warnings: warningsOf(o.warnings) } : {}),
  } as unknown as RunReport;
}

const BASES: ReadonlySet<unknown> = new Set<ArgRuleOutcome['basis']>(['mined', 'docker', 'name-only']);

/** report.json's argumentRules, or none; entries the page cannot show are skipped. */
function argumentRulesOf(v: unknown): ArgRuleOutcome[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).flatMap((o) => {
    if (typeof o.syscall !== 'string' || !BASES.has(o.basis)) return [];
    return [
      {
        syscall: o.syscall,
        rules: Array.isArray(o.rules) ? o.rules : [],
        basis: o.basis as ArgRuleOutcome['basis'],
        allowed: allowedValuesOf(o.allowed),
        refused: allowedValuesOf(o.refused),
        ...(typeof o.blockedErrno === 'number' ? { blockedErrno: o.blockedErrno } : {}),
        ...(typeof o.note === 'string' ? { note: o.note } : {}),
      },
    ];
  });
}

function allowedValuesOf(v: unknown): AllowedValue[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).flatMap((a) =>
    typeof a.call !== 'string'
      ? []
      : [
          {
            call: a.call,
            ...(typeof a.seenIn === 'string' ? { seenIn: a.seenIn } : {}),
            ...(typeof a.thin === 'boolean' ? { thin: a.thin } : {}),
          },
        ],
  );
}

/** report.json's warnings, or none. */
function warningsOf(v: unknown): ProfileWarning[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).flatMap((w) =>
    typeof w.allows !== 'string' || typeof w.why !== 'string'
      ? []
      : [
          {
            allows: w.allows,
            why: w.why,
            ...(typeof w.neededBy === 'string' ? { neededBy: w.neededBy } : {}),
          },
        ],
  );
}

/** Parses corpus.json; units without a numeric index are skipped (they cannot be cited). */
export function parseKeptCorpus(text: string, source: string): KeptCorpus {
  const o = parseJson(text, source);
  if (!isObj(o) || !Array.isArray(o.units) || typeof o.seed !== 'number') {
    throw new InputFileError(`${source}: not a sandfuzz corpus.json (needs "seed" and "units")`);
  }
  const units = o.units
    .filter(isObj)
    .flatMap((u) =>
      typeof u.index === 'number' ? [{ index: u.index, family: String(u.family ?? ''), description: String(u.description ?? '') }] : [],
    );
  return { generator: String(o.generator ?? ''), seed: o.seed, units };
}

/** The installed version of a Debian package, read from /var/lib/dpkg/status text. */
export function debianPackageVersion(dpkgStatus: string, pkg: string): string | undefined {
  for (const stanza of dpkgStatus.split(/\n\s*\n/)) {
    if (!new RegExp(`^Package: ${pkg.replace(/[.+]/g, '\\$&')}$`, 'm').test(stanza)) continue;
    if (!/^Status: .* installed$/m.test(stanza)) continue;
    return /^Version: (.+)$/m.exec(stanza)?.[1]?.trim();
  }
  return undefined;
}
