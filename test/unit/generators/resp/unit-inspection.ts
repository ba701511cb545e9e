import { commandKey } from '../../../../generators/resp/_internals/answer-policy.js';
import type { RespUnit } from '../../../../generators/resp/index.js';

/** A command a unit sends: its literal words (derived arguments as `<derived>`) and connection. */
export interface SentCommand {
  readonly key: string;
  readonly words: readonly string[];
  readonly conn: number;
  readonly async: boolean;
}

export function sentCommands(unit: RespUnit): SentCommand[] {
  return unit.steps.flatMap((step): SentCommand[] => {
    if (step.kind === 'command') {
      const words = step.args.map((a) => (typeof a === 'string' ? a : '<derived>'));
      return [{ key: commandKey(words), words, conn: step.conn, async: step.async === true }];
    }
    if (step.kind === 'inline') return [{ key: commandKey(step.words), words: step.words, conn: step.conn, async: false }];
    return [];
  });
}

/** True when a JSON round trip gives back an equal value: no undefined, no class instances. */
export function isPlainJson(value: unknown): boolean {
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (Array.isArray(v)) return v.every(walk);
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
      return Object.values(v as object).every((x) => x !== undefined && walk(x));
    return false;
  };
  return walk(value);
}
