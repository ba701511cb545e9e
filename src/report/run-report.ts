import type { EnforcementResult } from '../engine/enforce.js';
import type { MiningResult } from '../engine/mine.js';
import { STARTUP_EPOCH, type UnitRecord } from '../engine/session.js';
import { syscallName, type Abi } from '../syscalls/index.js';

/** Where a syscall was first seen: start-up, a unit, or the graceful stop. */
export type Finder =
  | { readonly phase: 'startup' }
  | { readonly phase: 'unit'; readonly index: number; readonly family: string; readonly description: string }
  | { readonly phase: 'shutdown' };

export interface SyscallFinding {
  readonly name: string;
  readonly abi: Abi;
  readonly nr: number;
  /** Milliseconds after the container was started. */
  readonly firstSeenMs: number;
  readonly foundBy: Finder;
}

export interface CurvePoint {
  readonly ms: number;
  /** Units run when it was found (0 during start-up). */
  readonly units: number;
  readonly syscalls: number;
}

export interface RunProvenance {
  readonly target: string;
  readonly image: string;
  readonly imageId: string;
  readonly seed: number;
  readonly kernel: string;
  readonly dockerVersion: string;
  readonly sandfuzzVersion: string;
}

/** report.json: everything a reviewer needs to judge how a profile was mined. */
export interface RunReport extends RunProvenance {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly stopReason: string;
  readonly miningMs: number;
  readonly unitsRun: number;
  readonly families: Readonly<Record<string, number>>;
  readonly syscalls: readonly SyscallFinding[];
  /** Numbers the tracer saw that the syscall tables cannot name (never put in a profile). */
  readonly unnamed: ReadonlyArray<{ abi: Abi; nr: number }>;
  readonly curve: readonly CurvePoint[];
  readonly arguments: {
    readonly cloneFlags: readonly string[];
    readonly socketKinds: ReadonlyArray<{ family: number; type: number }>;
  };
  readonly stopExitCode: number;
  readonly keptUnits: readonly number[];
  readonly enforcement: EnforcementResult | { readonly skipped: true };
  readonly profile: { readonly path: string; readonly allowed: number };
}

function finderOf(epoch: number, stopEpoch: number, records: readonly UnitRecord[]): Finder {
  if (epoch === STARTUP_EPOCH) return { phase: 'startup' };
  if (epoch >= stopEpoch) return { phase: 'shutdown' };
  const r = records[epoch - 1];
  return r ? { phase: 'unit', index: r.index, family: r.family, description: r.description } : { phase: 'shutdown' };
}

/** Units that first found at least one syscall: the corpus the enforcement check replays. */
export function keptRecords(result: MiningResult): UnitRecord[] {
  const epochs = new Set(result.firstUses.map((u) => u.epoch));
  return result.records.filter((r) => epochs.has(r.index));
}

/** Builds report.json's content from a mining result. Pure. */
export function buildRunReport(args: {
  provenance: RunProvenance;
  result: MiningResult;
  enforcement: EnforcementResult | { skipped: true };
  profilePath: string;
  allowed: number;
}): RunReport {
  const { result } = args;
  const syscalls: SyscallFinding[] = [];
  const unnamed: Array<{ abi: Abi; nr: number }> = [];
  const curve: CurvePoint[] = [];
  for (const use of result.firstUses) {
    const name = syscallName(use.abi, use.nr);
    if (name === undefined) {
      unnamed.push({ abi: use.abi, nr: use.nr });
      continue;
    }
    const foundBy = finderOf(use.epoch, result.stopEpoch, result.records);
    const ms = Math.round(use.ms * 10) / 10;
    syscalls.push({ name, abi: use.abi, nr: use.nr, firstSeenMs: ms, foundBy });
    const units = foundBy.phase === 'unit' ? foundBy.index : foundBy.phase === 'startup' ? 0 : result.records.length;
    curve.push({ ms, units, syscalls: syscalls.length });
  }
  const families: Record<string, number> = {};
  for (const r of result.records) families[r.family] = (families[r.family] ?? 0) + 1;
  return {
    ...args.provenance,
    startedAt: result.startedAt.toISOString(),
    endedAt: result.endedAt.toISOString(),
    stopReason: result.stopReason,
    miningMs: Math.round(result.miningMs),
    unitsRun: result.records.length,
    families: Object.fromEntries(Object.entries(families).sort(([a], [b]) => a.localeCompare(b))),
    syscalls,
    unnamed,
    curve,
    arguments: {
      cloneFlags: result.trace.cloneFlags().map((f) => `0x${f.toString(16)}`),
      socketKinds: result.trace.socketKinds(),
    },
    stopExitCode: result.exit.exitCode,
    keptUnits: keptRecords(result).map((r) => r.index),
    enforcement: args.enforcement,
    profile: { path: args.profilePath, allowed: args.allowed },
  };
}
