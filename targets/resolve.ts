import { UsageError } from '../src/shared/errors.js';
import { guessEndpoint, PROTOCOLS } from './protocols.js';
import type { TargetDefinition, TargetSpec } from './types.js';

/** Mining budget when a target file sets none: enough for an HTTP service to saturate. */
export const DEFAULT_MINING_BUDGET_SEC = 90;

/**
 * A definition made ready to mine with what the image says: protocol and port from its EXPOSE
 * when the target names none. Pure; `guessed` says what was guessed, for the user to read.
 */
export function resolveTargetSpec(def: TargetDefinition, exposedTcpPorts: readonly number[]): { spec: TargetSpec; guessed?: string } {
  const guess = guessEndpoint(exposedTcpPorts, def.protocol, def.port);
  if (!guess) {
    const hint = def.source.kind === 'command-line' ? '--port N (and --protocol P)' : 'port: (and protocol:) in the target file';
    throw new UsageError(`image ${def.image} exposes no TCP port to guess from: give ${hint}`);
  }
  const spec: TargetSpec = {
    ...def,
    protocol: guess.protocol,
    port: guess.port,
    generator: PROTOCOLS[guess.protocol].generator,
    miningBudgetSec: def.miningBudgetSec ?? DEFAULT_MINING_BUDGET_SEC,
    exposedTcpPorts: [...exposedTcpPorts],
  };
  return guess.guessed ? { spec, guessed: guess.guessed } : { spec };
}
