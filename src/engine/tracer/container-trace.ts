import { TracerError } from '../../shared/errors.js';
import type { Abi } from '../../syscalls/index.js';
import type { TracerLine } from './parse-line.js';

/** A syscall as the tracer saw it: ABI plus number (names are resolved later, in the profile). */
export interface SyscallId {
  readonly abi: Abi;
  readonly nr: number;
}

// Lines of not-yet-selected namespaces kept at most: a start-up prints a few hundred.
export const HOLD_LIMIT = 200_000;

/** The first time the container used a syscall. */
export interface FirstUse extends SyscallId {
  readonly epoch: number;
  readonly tsNs: bigint;
}

/** A tuple of argument values of one syscall and the epochs it was used in. */
export interface ArgumentUse {
  readonly syscall: string;
  readonly values: readonly bigint[];
  /** Every epoch the tuple was used in, ascending. */
  readonly epochs: readonly number[];
}

/**
 * A use's values as numbers. Exact: the tracer records int arguments as their low 32 bits and
 * clone's flags, whose defined bits all sit below bit 48.
 */
export function recordedValues(use: ArgumentUse): number[] {
  return use.values.map((v) => Number(v & 0xffffffffffffn));
}

export function syscallKey(id: SyscallId): string {
  return `${id.abi}:${id.nr}`;
}

/** Key of an error return: the syscall and its errno. */
export function errorPathKey(e: SyscallId & { readonly errno: number }): string {
  return `err:${syscallKey(e)}:${e.errno}`;
}

/**
 * Everything the tracer saw of one container, selected by its mount namespace. Lines that arrive
 * before the namespace is known (the container starts while the tracer already runs) are held
 * back and sorted out on `select`. A namespace inode can have had earlier lives (inodes are
 * reused): only lines of its latest birth before `select` count, the container's own life.
 * Pure: no I/O, fed line by line.
 */
export class ContainerTrace {
  /** Selected namespace lives, `${inode}:${birth}`: a restart adds one (possibly the same inode, reborn). */
  private readonly lives = new Set<string>();
  private readonly selectedInodes = new Set<bigint>();
  private holding = true;
  private held: TracerLine[] = [];
  /** Lines that did not fit in `held`: any of them may have been the container's own. */
  private dropped = 0;
  private readonly births = new Map<bigint, bigint>();
  private readonly firsts = new Map<string, FirstUse>();
  private readonly perEpoch = new Map<number, Set<string>>();
  private readonly sampling = new Set<number>();
  private readonly incidence = new Map<string, number>();
  private readonly args = new Map<string, { syscall: string; values: readonly bigint[]; epochs: Set<number> }>();
  /** Per epoch, the code paths beyond syscall names that guidance rewards (see epochPaths). */
  private readonly pathsPerEpoch = new Map<number, Set<string>>();
  private readonly onFind: (use: FirstUse) => void;

  constructor(onFind: (use: FirstUse) => void = () => {}) {
    this.onFind = onFind;
  }

  /**
   * Ties the trace to the container's mount namespace (again after a restart: the container then
   * has a new one, and both count); held lines of other namespaces are dropped.
   */
  select(mntns: bigint): void {
    // Dropped lines could be the only sighting of a syscall: fail rather than trace too little.
    if (this.dropped > 0) {
      throw new TracerError(`${this.dropped} tracer lines did not fit while waiting for the container to start: the trace is incomplete`);
    }
    this.lives.add(`${mntns}:${this.births.get(mntns) ?? 0n}`);
    this.selectedInodes.add(mntns);
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const line of held) this.push(line);
  }

  /** Holds lines of unselected namespaces until the next select (the container is restarting). */
  holdUntilSelect(): void {
    this.holding = true;
  }

  push(line: TracerLine): void {
    if (line.kind === 'birth') {
      // A selected inode reborn outside a restart is a later life, after the container is gone.
      if (this.holding || !this.selectedInodes.has(line.mntns)) this.births.set(line.mntns, line.tsNs);
      return;
    }
    if (line.kind !== 'syscall' && line.kind !== 'argument' && line.kind !== 'error') return;
    if (!this.lives.has(`${line.mntns}:${line.born}`)) {
      if (!this.holding) return;
      if (this.held.length < HOLD_LIMIT) this.held.push(line);
      else this.dropped++;
      return;
    }
    if (line.kind === 'argument') this.recordArgument(line);
    else if (line.kind === 'error') this.addPath(line.epoch, errorPathKey(line));
    else this.record(line);
  }

  private recordArgument(line: Extract<TracerLine, { kind: 'argument' }>): void {
    const key = `${line.syscall}:${line.values.join(':')}`;
    let use = this.args.get(key);
    if (!use) this.args.set(key, (use = { syscall: line.syscall, values: line.values, epochs: new Set() }));
    use.epochs.add(line.epoch);
    this.addPath(line.epoch, `arg:${key}`);
  }

  private addPath(epoch: number, key: string): void {
    let set = this.pathsPerEpoch.get(epoch);
    if (!set) this.pathsPerEpoch.set(epoch, (set = new Set()));
    set.add(key);
  }

  /**
   * Code paths an epoch reached beyond syscall names: argument tuples of the recorded syscalls
   * (`arg:socket:10:1:0`) and error returns (`err:x86_64:42:111`, a connect refused). A new errno
   * on a syscall the container already used is a new path through the kernel and the server,
   * which is what coverage guidance rewards; the profile is built from names and arguments only.
   */
  epochPaths(epoch: number): ReadonlySet<string> {
    return this.pathsPerEpoch.get(epoch) ?? new Set();
  }

  private record(line: Extract<TracerLine, { kind: 'syscall' }>): void {
    const key = syscallKey(line);
    let set = this.perEpoch.get(line.epoch);
    if (!set) this.perEpoch.set(line.epoch, (set = new Set()));
    if (!set.has(key)) {
      set.add(key);
      if (this.sampling.has(line.epoch)) this.incidence.set(key, (this.incidence.get(key) ?? 0) + 1);
    }
    const known = this.firsts.get(key);
    const use: FirstUse = { abi: line.abi, nr: line.nr, epoch: line.epoch, tsNs: line.tsNs };
    if (!known) {
      this.firsts.set(key, use);
      this.onFind(use);
    } else if (line.tsNs < known.tsNs) {
      // Per-CPU buffers can deliver lines out of order: keep the earliest use.
      this.firsts.set(key, use);
    }
  }

  /** Every syscall used, with its first use, sorted by time. */
  firstUses(): FirstUse[] {
    return [...this.firsts.values()].sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
  }

  /** Declares an epoch a sampling unit, before it runs: its syscalls count towards incidence. */
  countAsSample(epoch: number): void {
    this.sampling.add(epoch);
  }

  /**
   * For each syscall, how many sampling units used it; and how many units there were. The
   * explorer declares workload units only: lifecycle actions are a stratum of their own.
   */
  sampleIncidence(): { incidence: ReadonlyMap<string, number>; units: number } {
    return { incidence: this.incidence, units: this.sampling.size };
  }

  /** Keys of the syscalls used during one epoch. */
  epochSet(epoch: number): ReadonlySet<string> {
    return this.perEpoch.get(epoch) ?? new Set();
  }

  epochs(): number[] {
    return [...this.perEpoch.keys()].sort((a, b) => a - b);
  }

  get size(): number {
    return this.firsts.size;
  }

  /** Every argument tuple recorded, sorted by syscall and values (deterministic). */
  argumentUses(): ArgumentUse[] {
    return [...this.args.values()]
      .map((u) => ({ syscall: u.syscall, values: u.values, epochs: [...u.epochs].sort((a, b) => a - b) }))
      .sort((a, b) => (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : compareTuples(a.values, b.values)));
  }

  cloneFlags(): bigint[] {
    return this.argumentUses()
      .filter((u) => u.syscall === 'clone')
      .map((u) => u.values[0]!);
  }

  socketKinds(): Array<{ family: number; type: number; protocol: number }> {
    return this.argumentUses()
      .filter((u) => u.syscall === 'socket')
      .map((u) => ({ family: Number(u.values[0]), type: Number(u.values[1]), protocol: Number(u.values[2]) }));
  }
}

function compareTuples(a: readonly bigint[], b: readonly bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1n;
    const y = b[i] ?? -1n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
