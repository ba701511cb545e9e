import { resolve, sep } from 'node:path';
import { ENGINE_DEFAULT_PROFILE } from '../engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import { UsageError } from '../shared/errors.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import type { BenchSlot, ConfigSummary } from './profile-bench.js';
import { pairedRatio, type PairedRatio } from './stats.js';

/** The baseline every ratio is taken against. */
export const BASELINE_CONFIG = 'unconfined';
/** The config name of a lone --profile: what `sandfuzz bench` has always called it. */
export const SINGLE_PROFILE_CONFIG = 'profile';
export const MINING_UNTRACED_CONFIG = 'mining-untraced';
export const MINING_TRACED_CONFIG = 'mining-traced';

/** The config of another tracer measured beside the run's own: `mining-traced:bpftrace`. */
export const tracedConfigOf = (tracer: string): string => `${MINING_TRACED_CONFIG}:${tracer}`;

/** A tracer to measure beside the run's own, under the mining profile. */
export interface ComparedTracer {
  readonly name: string;
  readonly create: () => Tracer;
}

/** One --profile to measure: where it came from, its config name, its JSON text. */
export interface BenchProfile {
  readonly path: string;
  readonly name: string;
  readonly json: string;
}

/** A profile's figures in a bench result. */
export interface ProfileFigures {
  readonly path: string;
  readonly name: string;
  /** Throughput over unconfined's, the median of per-round ratios, with its bootstrap 95% interval. */
  readonly ratio: number;
  readonly ratioCi95: readonly [number, number];
  readonly medianThroughput: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  /**
   * Throughput over the first profile's, round by round (absent on the first): the direct answer to "what
   * do argument rules cost over name-only", without unconfined's noise entering twice.
   */
  readonly vsFirst?: { readonly ratio: number; readonly ratioCi95: readonly [number, number] };
}

const DOT_JSON = /\.json$/i;

/**
 * Config names for the --profile paths, in order: `profile` for one, else `profile:<file name
 * without .json>`. Paths that share a file name (every run folder holds a seccomp.json) take as
 * many parent folders as tell them apart: `profile:nginx-a/seccomp`. The same file twice is a
 * usage error rather than a silent A/A run: copy it if that is what is wanted.
 */
export function profileConfigNames(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new UsageError('bench needs at least one --profile FILE');
  const seen = new Map<string, string>();
  for (const p of paths) {
    const abs = resolve(p);
    const earlier = seen.get(abs);
    if (earlier !== undefined) {
      throw new UsageError(`--profile ${p} is given twice${earlier === p ? '' : ` (as ${earlier})`}: measure each file once`);
    }
    seen.set(abs, p);
  }
  if (paths.length === 1) return [SINGLE_PROFILE_CONFIG];
  const parts = [...seen.keys()].map((abs) => {
    const segments = abs.split(sep).filter(Boolean);
    return segments.length > 0 ? segments : ['/'];
  });
  // Distinct absolute paths differ in some segment, so growing every clashing label ends.
  const depth = parts.map(() => 1);
  const label = (i: number): string => parts[i]!.slice(-depth[i]!).join('/');
  for (let grew = true; grew; ) {
    grew = false;
    const groups = new Map<string, number[]>();
    parts.forEach((_, i) => groups.set(label(i), [...(groups.get(label(i)) ?? []), i]));
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      for (const i of members) {
        if (depth[i]! < parts[i]!.length) {
          depth[i]!++;
          grew = true;
        }
      }
    }
  }
  const labels = parts.map((_, i) => label(i));
  // `.json` only adds width; it stays where dropping it would make two names equal.
  const short = labels.map((l) => l.replace(DOT_JSON, '') || l);
  return (new Set(short).size === short.length ? short : labels).map((l) => `profile:${l}`);
}

/**
 * Every slot of one bench run, in measuring order: the baseline and Docker's default, each
 * profile, then (unless `tracerCost` is off) the mining profile with its windows untraced and
 * traced by each tracer, all on one container per round.
 */
export function benchSlots(
  profiles: readonly BenchProfile[],
  opts: { readonly tracerCost: boolean; readonly compareTracers?: readonly ComparedTracer[] },
): BenchSlot[] {
  const one = (name: string, seccompProfile: string): BenchSlot => ({ seccompProfile, windows: [{ name }] });
  return [
    one(BASELINE_CONFIG, 'unconfined'),
    one('docker-default', ENGINE_DEFAULT_PROFILE),
    ...profiles.map((p) => one(p.name, p.json)),
    ...(opts.tracerCost
      ? [
          {
            seccompProfile: miningProfileJson(),
            windows: [
              { name: MINING_UNTRACED_CONFIG },
              { name: MINING_TRACED_CONFIG, traced: true },
              ...(opts.compareTracers ?? []).map((t) => ({ name: tracedConfigOf(t.name), traced: true, createTracer: t.create })),
            ],
          },
        ]
      : []),
  ];
}

/** The configuration names of the slots, in measuring order. */
export const windowNames = (slots: readonly BenchSlot[]): string[] => slots.flatMap((s) => s.windows.map((w) => w.name));

/** Each profile's figures, pulled from the summaries (pure). */
export function profileFigures(profiles: readonly BenchProfile[], summaries: readonly ConfigSummary[]): ProfileFigures[] {
  const byName = new Map(summaries.map((s) => [s.name, s]));
  const get = (name: string): ConfigSummary => {
    const s = byName.get(name);
    if (!s) throw new Error(`no summary for bench config '${name}'`);
    return s;
  };
  const first = profiles.length > 0 ? get(profiles[0]!.name).runs.map((r) => r.throughput) : [];
  return profiles.map((p, i) => {
    const s = get(p.name);
    const throughput = s.runs.map((r) => r.throughput);
    return {
      path: p.path,
      name: p.name,
      ratio: s.ratio,
      ratioCi95: s.ratioCi95,
      medianThroughput: s.medianThroughput,
      medianP50Ms: s.medianP50Ms,
      medianP99Ms: s.medianP99Ms,
      ...(i > 0 ? { vsFirst: vsFirst(pairedRatio(first, throughput)) } : {}),
    };
  });
}

const vsFirst = ({ ratio, ci95 }: PairedRatio) => ({ ratio, ratioCi95: ci95 });

/**
 * Traced over untraced throughput under the mining profile, round by round: both windows of a
 * round ran on the same container, in alternating pieces, so each round's ratio is free of what
 * differs between containers and minutes; the median of those ratios is the figure. Null when the
 * pair was skipped.
 */
export function tracerRatio(summaries: readonly ConfigSummary[], config: string = MINING_TRACED_CONFIG): PairedRatio | null {
  const untraced = summaries.find((s) => s.name === MINING_UNTRACED_CONFIG);
  const traced = summaries.find((s) => s.name === config);
  if (!untraced || !traced) return null;
  return pairedRatio(
    untraced.runs.map((r) => r.throughput),
    traced.runs.map((r) => r.throughput),
  );
}
