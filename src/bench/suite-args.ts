import { parseArgs } from 'node:util';
import { parseDuration } from '../config/duration.js';
import { UsageError } from '../shared/errors.js';
import { BENCH_SECTIONS, type BenchSection, type SuiteOptions } from './suite.js';

/** `npm run bench -- --help`: every option with its default and the real run's duration. */
export const SUITE_USAGE = `npm run bench -- [options]   every figure of issue 10, measured in this run

  --json                 the whole result as JSON on stdout (the text table otherwise)
  --quick                smoke run: 1 seed, 1 round of 2 s, 30 s mining budgets, guidance 1 seed x 10 s,
                         jobs 1 round without the proof (3.5 min measured for --targets nginx,redis; about 6 for all three)
  --sections LIST        of ${BENCH_SECTIONS.join(',')} (default: all)
  --targets LIST         built-in names or target files (default: nginx,redis,postgres)
  --seeds N|LIST         saturation seeds: 1..N, or the seeds themselves (3,7,11; one seed: 7,) (default 5)
  --max-time D           mining budget of every saturation and jobs run (default: each target's own)
  --rounds N             throughput rounds (default 3)
  --duration D           throughput measurement per run (default 4s; warm-up 1s)
  --guidance-targets L   (default: --targets)    --guidance-seeds N|LIST (default 5)    --guidance-budget D (default 30s)
  --jobs N               parallel jobs measured against --jobs 1 (default 2)
  --jobs-seeds N|LIST    one A B round per seed (default 2)    --no-jobs-proof   leave the proof out of those runs
  --out DIR              keep every run's folder there (default: a temporary folder, removed at the end)
  BENCH_PROFILES_<TARGET>=a.json,b.json adds profiles to that target's throughput rounds.

The real run (defaults) takes about 45 to 50 minutes on a 2-core machine: saturation 15 runs
(~13 min), throughput (~6 min), guidance 30 runs (~17 min), jobs 2 rounds (~10 min). The result's
sectionMs says how long each part took.`;

export interface SuiteCli {
  readonly options: Omit<SuiteOptions, 'outRoot' | 'throughput'> & { readonly throughput: Omit<SuiteOptions['throughput'], 'extraProfiles'> };
  readonly json: boolean;
  readonly help: boolean;
  readonly maxTime?: string;
  /** Where runs write; a temporary folder (removed) when absent. */
  readonly out?: string;
}

function count(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer (got '${text}')`);
  return n;
}

/** `5` is seeds 1..5; `3,7,11` the seeds themselves (`7,` the single seed 7). */
export function parseSeeds(option: string, text: string): number[] {
  if (!text.includes(',')) return Array.from({ length: count(option, text) }, (_, i) => i + 1);
  // Number('') is 0: an empty entry must not become seed 0.
  return list(text).map((s) => {
    const n = Number(s.trim());
    if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${option}: '${s}' is not a seed (a non-negative integer)`);
    return n;
  });
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The bench's command line, checked; --quick only changes defaults, explicit options win. */
export function parseSuiteArgs(argv: readonly string[]): SuiteCli {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      json: { type: 'boolean' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      sections: { type: 'string' },
      targets: { type: 'string' },
      seeds: { type: 'string' },
      'max-time': { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      'guidance-targets': { type: 'string' },
      'guidance-seeds': { type: 'string' },
      'guidance-budget': { type: 'string' },
      jobs: { type: 'string' },
      'jobs-seeds': { type: 'string' },
      'no-jobs-proof': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const quick = v.quick === true;
  const sections = list(v.sections ?? BENCH_SECTIONS.join(','));
  const unknown = sections.find((s) => !(BENCH_SECTIONS as readonly string[]).includes(s));
  if (unknown !== undefined) throw new UsageError(`--sections: unknown section '${unknown}' (choose from ${BENCH_SECTIONS.join(', ')})`);
  const targets = list(v.targets ?? 'nginx,redis,postgres');
  if (targets.length === 0) throw new UsageError('--targets names no target');
  const maxTime = v['max-time'] ?? (quick ? '30s' : undefined);
  if (maxTime !== undefined) parseDuration('--max-time', maxTime);
  const jobs = count('--jobs', v.jobs ?? '2');
  if (jobs < 2 && sections.includes('jobs')) throw new UsageError('--jobs must be at least 2: the jobs section compares it with --jobs 1');
  return {
    json: v.json === true,
    help: v.help === true,
    ...(maxTime !== undefined ? { maxTime } : {}),
    ...(v.out !== undefined ? { out: v.out } : {}),
    options: {
      sections: sections as BenchSection[],
      targets,
      seeds: parseSeeds('--seeds', v.seeds ?? (quick ? '1' : '5')),
      throughput: {
        rounds: count('--rounds', v.rounds ?? (quick ? '1' : '3')),
        measureSec: parseDuration('--duration', v.duration ?? (quick ? '2s' : '4s')) / 1000,
        warmupSec: quick ? 0.5 : 1,
        connections: 16,
      },
      guidance: {
        targets: list(v['guidance-targets'] ?? targets.join(',')),
        seeds: parseSeeds('--guidance-seeds', v['guidance-seeds'] ?? (quick ? '1' : '5')),
        budgetMs: parseDuration('--guidance-budget', v['guidance-budget'] ?? (quick ? '10s' : '30s')),
      },
      jobs: { jobs, seeds: parseSeeds('--jobs-seeds', v['jobs-seeds'] ?? (quick ? '1' : '2')), enforce: !(v['no-jobs-proof'] === true || quick) },
    },
  };
}
