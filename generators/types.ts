import type { Endpoint } from '../src/shared/endpoint.js';

// Where a unit is sent is part of the generator interface; the type itself lives in the shared layer.
export type { Endpoint };

/**
 * What a unit got back from the server, as stable one-line summaries (status class, body digest,
 * reply type...). Mining records them; the enforcement check replays the unit and compares.
 * Summaries must not contain anything that varies between two healthy runs (dates, ids).
 */
export interface UnitResult {
  readonly answers: readonly string[];
}

export interface ExecuteOptions {
  /** Upper bound for the whole unit, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * A protocol workload generator. Units are plain JSON values (so they can be written to the
 * corpus and replayed); the stream for a seed is deterministic.
 */
export interface WorkloadGenerator<U = unknown> {
  /** Registry key, e.g. 'http'. */
  readonly name: string;
  /** Deterministic, endless stream of units for a seed: the same seed gives the same units. */
  units(seed: number): Iterator<U>;
  /** Sends one unit; resolves with stable answers. Server misbehaviour is an answer, not a throw. */
  execute(unit: U, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult>;
  /** The family a unit belongs to (e.g. 'http:range', 'http:malformed'), for reports and weighting. */
  family(unit: U): string;
  /** One short human line for a unit. */
  describe(unit: U): string;
}

/**
 * What coverage guidance needs on top of a plain stream (issue 3). Optional while generators
 * gain it; the engine falls back to `units(seed)` for a generator without it.
 */
export interface GuidedGenerator<U = unknown> extends WorkloadGenerator<U> {
  /** Every family `generate` accepts; the engine weights them by recent finds. */
  readonly families: readonly string[];
  /**
   * Learns what it needs from the running server before the first unit (a command grammar from
   * `COMMAND DOCS`, a schema from the catalog). Called once per container; may be called again
   * after state changed. Units stay concrete JSON: replay never needs `prepare`.
   */
  prepare?(endpoint: Endpoint, options: ExecuteOptions): Promise<void>;
  /** One unit of a family, deterministic for (family, seed, what prepare learned). */
  generate(family: string, seed: number): U;
  /** A variant of a kept unit: insert, replace, delete or splice steps (donor: another kept unit). */
  mutate(parent: U, seed: number, donor?: U): U;
}

/**
 * The first word of every answer is its state class, for state feedback: HTTP status class
 * ('2xx', '4xx', 'closed'), RESP reply type or error prefix ('+', ':', '$', '*', '-WRONGTYPE'),
 * SQLSTATE class ('00', '42', '23'). The rest of the answer is the stable detail.
 */
export function answerClass(answer: string): string {
  const space = answer.indexOf(' ');
  return space < 0 ? answer : answer.slice(0, space);
}
