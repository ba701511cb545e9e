/**
 * A stack of undo steps for everything a run starts (tracer, containers, temp files). Steps run
 * last-in first-out, each once, and a failing step does not stop the others: cleanup must reach
 * the end on every path, Ctrl-C included.
 */
export class CleanupStack {
  private readonly steps: Array<{ label: string; undo: () => Promise<void> }> = [];
  private running: Promise<string[]> | undefined;

  /** Registers an undo step; returns a function that runs it early (and removes it). */
  defer(label: string, undo: () => Promise<void>): () => Promise<void> {
    const step = { label, undo };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await undo();
    };
  }

  /** Runs every pending step; resolves with one line per step that failed. */
  runAll(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await step.undo();
        } catch (err) {
          failures.push(`${step.label}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      this.running = undefined;
      return failures;
    })();
    return this.running;
  }

  get pending(): number {
    return this.steps.length;
  }
}
