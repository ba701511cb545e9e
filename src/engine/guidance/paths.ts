/** Where the paths of an epoch come from (ContainerTrace.epochPaths). */
export interface PathSource {
  epochPaths(epoch: number): ReadonlySet<string>;
}

/**
 * How many epochs back a scan looks for lines that arrived late. The tracer delivers an epoch's
 * lines within milliseconds of the epoch, so a few units back is plenty; the window bounds the
 * work per step whatever the run's length.
 */
export const LATE_WINDOW = 8;

/**
 * Which code paths (argument tuples, error returns: `arg:...`, `err:...`) the run has reached, and
 * the epoch each was first seen in. A path counts once, for the earliest epoch scanned that has it:
 * later epochs reaching it again earned nothing. Paths are not confirmed by a replay of their own
 * (one replay each would double the cost of the first minute, where most paths turn up); a path
 * that was background work is credited once, to one unit, and a free check comes when that unit
 * is replayed anyway for a syscall find (`unreproduced`).
 */
export class PathLedger {
  private readonly seen = new Map<string, number>();
  private scanned = 0;

  constructor(
    private readonly source: PathSource,
    private readonly window: number = LATE_WINDOW,
  ) {}

  /**
   * Epochs below `end` scanned for paths not seen before: the recent ones again (their late lines),
   * older ones once. Returns the epochs that reached new paths, with how many, in epoch order.
   */
  scan(end: number): Map<number, number> {
    const fresh = new Map<number, number>();
    const from = Math.min(this.scanned, Math.max(0, end - this.window));
    for (let epoch = from; epoch < end; epoch++) {
      for (const path of this.source.epochPaths(epoch)) {
        if (this.seen.has(path)) continue;
        this.seen.set(path, epoch);
        fresh.set(epoch, (fresh.get(epoch) ?? 0) + 1);
      }
    }
    this.scanned = Math.max(this.scanned, end);
    return fresh;
  }

  /** How many of the paths first seen in `epoch` the replay in `replayEpoch` did not reach again. */
  unreproduced(epoch: number, replayEpoch: number): number {
    const replay = this.source.epochPaths(replayEpoch);
    let missing = 0;
    for (const [path, first] of this.seen) if (first === epoch && !replay.has(path)) missing++;
    return missing;
  }

  get size(): number {
    return this.seen.size;
  }
}
