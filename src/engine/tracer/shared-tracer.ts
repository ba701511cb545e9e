import { TracerError } from '../../shared/errors.js';
import type { TracerLine } from './parse-line.js';
import type { Tracer } from './tracer.js';

/**
 * One tracer process for every container a sandfuzz invocation traces: several targets mined at
 * once (--jobs), and each run's reference replay, without a bpftrace per container (each one
 * would slow every syscall on the host again).
 *
 * Each user gets a view with its own epoch numbers. Marks go through one counter, so the kernel
 * sees one increasing global epoch; a view keeps the global epochs it marked and maps a line's
 * global epoch back to its own latest mark at or before it. Lines of one container therefore
 * carry that container's unit whatever other views marked in between. (The program prints a
 * first occurrence per global epoch: with several views more lines, never fewer.)
 */
export class SharedTracer {
  private next = 0;
  private starting: Promise<void> | undefined;
  private readonly views = new Set<TracerView>();
  private deathReason: string | undefined;

  constructor(private readonly base: Tracer) {
    base.onLine((line) => {
      for (const view of this.views) view.deliver(line);
    });
    base.onDeath((reason) => {
      this.deathReason = reason;
      for (const view of this.views) view.died(reason);
    });
  }

  /** A tracer for one user; starting it starts the shared process once. */
  view(): Tracer {
    return new TracerView(this);
  }

  /** Stops the shared process (at the end of the invocation, on every path). */
  async close(): Promise<void> {
    this.views.clear();
    await this.base.stop();
  }

  /** @internal */
  async attach(view: TracerView): Promise<void> {
    // A TracerError like the death itself: the run ends with the tracer's exit code.
    if (this.deathReason !== undefined) throw new TracerError(`tracer died earlier: ${this.deathReason}`);
    this.starting ??= this.base.start().catch((err) => {
      this.starting = undefined;
      throw err;
    });
    await this.starting;
    this.views.add(view);
  }

  /** @internal */
  detach(view: TracerView): void {
    this.views.delete(view);
  }

  /** @internal A fresh global epoch, marked in the kernel once `record` has noted it. */
  mark(record: (global: number) => void): void {
    const global = this.next++;
    record(global);
    this.base.mark(global);
  }

  /** @internal Like mark, resolving once the tracer has seen it. */
  sync(record: (global: number) => void): Promise<void> {
    const global = this.next++;
    record(global);
    return this.base.sync(global);
  }
}

/** One user's tracer: the Tracer interface over the shared process. */
class TracerView implements Tracer {
  private readonly lines: Array<(line: TracerLine) => void> = [];
  private readonly deaths: Array<(reason: string) => void> = [];
  /** Global epochs this view marked, increasing, with the local epoch each stands for. */
  private readonly globals: number[] = [];
  private readonly locals: number[] = [];

  constructor(private readonly shared: SharedTracer) {}

  start(): Promise<void> {
    return this.shared.attach(this);
  }

  onLine(listener: (line: TracerLine) => void): void {
    this.lines.push(listener);
  }

  onDeath(listener: (reason: string) => void): void {
    this.deaths.push(listener);
  }

  // Noted before the kernel sees the mark: its lines may arrive before the call returns.
  mark(epoch: number): void {
    this.shared.mark((global) => this.record(global, epoch));
  }

  sync(epoch: number): Promise<void> {
    return this.shared.sync((global) => this.record(global, epoch));
  }

  async stop(): Promise<void> {
    this.shared.detach(this);
  }

  /** @internal */
  deliver(line: TracerLine): void {
    let out: TracerLine | undefined = line;
    if (line.kind === 'syscall' || line.kind === 'argument') out = { ...line, epoch: this.localOf(line.epoch) };
    else if (line.kind === 'mark') {
      const at = this.globals.indexOf(line.epoch);
      out = at < 0 ? undefined : { ...line, epoch: this.locals[at]! };
    } else if (line.kind === 'ready') out = undefined;
    if (out) for (const l of this.lines) l(out);
  }

  /** @internal */
  died(reason: string): void {
    for (const d of this.deaths) d(reason);
  }

  private record(global: number, local: number): void {
    this.globals.push(global);
    this.locals.push(local);
  }

  /** The local epoch of this view's latest mark at or before a global epoch. */
  private localOf(global: number): number {
    let lo = 0;
    let hi = this.globals.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.globals[mid]! <= global) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? (this.locals[0] ?? 0) : this.locals[found]!;
  }
}
