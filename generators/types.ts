/** Where a workload sends its traffic: the published port of the container on the host. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

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
