import type { ArgumentEvidence } from './evidence.js';
import { STARTUP_EPOCH, type UnitRecord } from '../../engine/session.js';
import { type ArgumentUse, recordedValues } from '../../engine/tracer/container-trace.js';

/** How epochs of one traced run map to its steps: start-up, a step, or the shutdown. */
export interface EpochMap {
  /** The step (unit or lifecycle event) that ran in an epoch. */
  readonly stepOf: (epoch: number) => { readonly index: number } | undefined;
  /** First epoch of the graceful stop. */
  readonly stopEpoch: number;
}

/** The epoch map of a mining session: each record ran in its own epoch. */
export function miningEpochs(records: readonly UnitRecord[], stopEpoch: number): EpochMap {
  const byEpoch = new Map(records.map((r) => [r.epoch, r]));
  return { stepOf: (epoch) => byEpoch.get(epoch), stopEpoch };
}

/**
 * The tracer's argument tuples as profile evidence: which units used each. An epoch that is no
 * step's (a restart's start-up, a readiness probe between steps) counts as start-up: it is the
 * container starting or idling, not a unit's doing.
 */
export function argumentEvidence(uses: readonly ArgumentUse[], epochs: EpochMap): ArgumentEvidence[] {
  return uses.map((use) => {
    const units = new Set<number>();
    let startup = false;
    let shutdown = false;
    for (const epoch of use.epochs) {
      const step = epoch === STARTUP_EPOCH ? undefined : epochs.stepOf(epoch);
      if (epoch >= epochs.stopEpoch) shutdown = true;
      else if (step) units.add(step.index);
      else startup = true;
    }
    return {
      syscall: use.syscall,
      values: recordedValues(use),
      units: [...units].sort((a, b) => a - b),
      startup,
      shutdown,
    };
  });
}
