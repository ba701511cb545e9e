/**
 * What a fake does on a call, scripted per test: fail it, hang it (a promise that never settles,
 * so only an abort can end the wait), or run a side effect first (abort a controller, kill a
 * container). Rules are tried in the order they were added; the first that matches wins.
 */
export interface CallRule {
  /** Only the n-th matching call (1-based); every matching call when absent. */
  readonly nth?: number;
  /** Only calls whose arguments pass. */
  readonly match?: (...args: readonly unknown[]) => boolean;
  /** Runs before the call's outcome is decided (e.g. `() => controller.abort()`). */
  readonly before?: (...args: readonly unknown[]) => void;
}

type Outcome = { readonly kind: 'fail'; readonly error: unknown } | { readonly kind: 'hang' } | { readonly kind: 'pass' };

interface Rule extends CallRule {
  readonly name: string;
  readonly outcome: Outcome;
  seen: number;
}

export class Script {
  private readonly rules: Rule[] = [];
  /** Every call made, in order: name and arguments. */
  readonly calls: Array<{ readonly name: string; readonly args: readonly unknown[] }> = [];

  /** Makes matching calls of `name` reject (or throw, for a synchronous one) with `error`. */
  fail(name: string, error: unknown, rule: CallRule = {}): this {
    this.rules.push({ ...rule, name, outcome: { kind: 'fail', error }, seen: 0 });
    return this;
  }

  /** Makes matching calls of `name` never settle. */
  hang(name: string, rule: CallRule = {}): this {
    this.rules.push({ ...rule, name, outcome: { kind: 'hang' }, seen: 0 });
    return this;
  }

  /** Runs `rule.before` on matching calls of `name`, which then behave normally. */
  tap(name: string, rule: CallRule & { readonly before: NonNullable<CallRule['before']> }): this {
    this.rules.push({ ...rule, name, outcome: { kind: 'pass' }, seen: 0 });
    return this;
  }

  count(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  /** Runs an asynchronous call through the script. */
  async run<T>(name: string, args: readonly unknown[], real: () => Promise<T> | T): Promise<T> {
    const outcome = this.decide(name, args);
    if (outcome.kind === 'fail') throw outcome.error;
    if (outcome.kind === 'hang') return new Promise<T>(() => {});
    return real();
  }

  /** Runs a synchronous call through the script (hang is not possible there: it fails instead). */
  runSync<T>(name: string, args: readonly unknown[], real: () => T): T {
    const outcome = this.decide(name, args);
    if (outcome.kind === 'fail') throw outcome.error;
    if (outcome.kind === 'hang') throw new Error(`${name} cannot hang: it is synchronous`);
    return real();
  }

  private decide(name: string, args: readonly unknown[]): Outcome {
    this.calls.push({ name, args });
    for (const rule of this.rules) {
      if (rule.name !== name || (rule.match && !rule.match(...args))) continue;
      rule.seen++;
      if (rule.nth !== undefined && rule.seen !== rule.nth) continue;
      rule.before?.(...args);
      return rule.outcome;
    }
    return { kind: 'pass' };
  }
}
