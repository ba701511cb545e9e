import { AF_MAX, describeCall, SOCK } from '../syscalls/arg-names.js';
import type { SeccompArg, SeccompRule } from './seccomp.js';

/** One call to put to both profiles: its text for the report and its argument vector. */
export interface Probe {
  readonly label: string;
  readonly args: ReadonlyMap<number, number>;
}

// Every argument slot gets a value, so evaluateCall never answers 'unknown'.
const SLOTS = [0, 1, 2, 3, 4, 5] as const;

function probe(label: string, set: Readonly<Record<number, number>>): Probe {
  return { label, args: new Map(SLOTS.map((i) => [i, set[i] ?? 0])) };
}

/** linux/personality.h: the persona in the low byte, flags above it. */
const PERSONA_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [0x0020000, 'UNAME26'],
  [0x0040000, 'ADDR_NO_RANDOMIZE'],
  [0x0100000, 'MMAP_PAGE_ZERO'],
  [0x0200000, 'ADDR_COMPAT_LAYOUT'],
  [0x0400000, 'READ_IMPLIES_EXEC'],
];

function personaName(p: number): string {
  if (p === 0xffffffff) return '0xffffffff (query)';
  const flags = PERSONA_FLAGS.filter(([bit]) => (p & bit) !== 0);
  const rest = p & ~flags.reduce((m, [bit]) => m | bit, 0) & ~0xff;
  const persona = (p & 0xff) === 0 ? 'PER_LINUX' : (p & 0xff) === 8 ? 'PER_LINUX32' : `0x${(p & 0xff).toString(16)}`;
  const parts = [...flags.map(([, n]) => n), ...(rest !== 0 ? [`0x${rest.toString(16)}`] : [])];
  return parts.length === 0 ? persona : (p & 0xff) === 0 ? parts.join('|') : [persona, ...parts].join('|');
}

/**
 * Docker's five personas plus flags it refuses: ADDR_NO_RANDOMIZE turns off ASLR,
 * READ_IMPLIES_EXEC makes readable memory executable, MMAP_PAGE_ZERO maps address 0 (NULL
 * dereference exploits).
 */
const PERSONAS = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff, 0x40000, 0x400000, 0x100000, 0x200000] as const;

/** clone flags (linux/sched.h) a container uses without creating namespaces, and each CLONE_NEW*. */
const SIGCHLD = 17;
const CLONE_PLAIN: ReadonlyArray<readonly [number, string]> = [
  [SIGCHLD, 'SIGCHLD'],
  [0x1200011, 'fork: CHILD_SETTID|CHILD_CLEARTID|SIGCHLD'],
  [0x3d0f00, 'pthread_create: VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|*_TID'],
  [0x4111, 'vfork: VM|VFORK|SIGCHLD'],
];
const CLONE_NEW: ReadonlyArray<readonly [number, string]> = [
  [0x20000, 'CLONE_NEWNS'],
  [0x2000000, 'CLONE_NEWCGROUP'],
  [0x4000000, 'CLONE_NEWUTS'],
  [0x8000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'],
  [0x20000000, 'CLONE_NEWPID'],
  [0x40000000, 'CLONE_NEWNET'],
];

/** e.g. "CLONE_NEWUSER|SIGCHLD": the namespace flags by name, the rest in hex. */
function cloneFlags(flags: number): string {
  const names = CLONE_NEW.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  const rest = CLONE_NEW.reduce((v, [bit]) => ((v & bit) !== 0 ? v - bit : v), flags);
  const parts = [...names, ...(rest === SIGCHLD ? ['SIGCHLD'] : rest !== 0 ? [`0x${rest.toString(16)}`] : [])];
  return parts.length > 0 ? parts.join('|') : '0';
}

const SOCKET_TYPES = [SOCK.STREAM, SOCK.DGRAM, SOCK.RAW, SOCK.SEQPACKET] as const;

/** The probes that decide a syscall's verdict: known sets for Docker's own conditions. */
export function knownProbes(syscall: string): Probe[] {
  switch (syscall) {
    case 'socket':
      return Array.from({ length: AF_MAX }, (_, f) => SOCKET_TYPES.map((t) => socketProbe(f, t, 0))).flat();
    case 'personality':
      return PERSONAS.map((p) => probe(`personality(${personaName(p)})`, { 0: p }));
    case 'clone':
      return [
        ...CLONE_PLAIN.map(([flags, what]) => probe(`clone(${what})`, { 0: flags })),
        ...CLONE_NEW.map(([flag]) => probe(`clone(${cloneFlags(flag | SIGCHLD)})`, { 0: flag | SIGCHLD })),
      ];
    case 'socketcall':
      return [probe('socketcall(any call)', {})];
    default:
      return [];
  }
}

function socketProbe(family: number, type: number, protocol: number): Probe {
  return probe(describeCall('socket', [family, type, protocol]), { 0: family, 1: type, 2: protocol });
}

/**
 * Calls on both sides of every condition of these rules: the rule's own witness (each condition
 * just holding) and, one condition at a time, values just off it, so a condition neither known
 * set covers (another protocol, a Docker rule sandfuzz has no probes for) is still put to both.
 */
export function boundaryProbes(syscall: string, rules: readonly SeccompRule[]): Probe[] {
  const out: Probe[] = [];
  for (const rule of rules) {
    const conds = rule.args ?? [];
    if (conds.length === 0) continue;
    const witness: Record<number, number> = {};
    for (const c of conds) witness[c.index] ??= holding(c);
    out.push(labelled(syscall, witness));
    for (const c of conds) {
      for (const v of around(c)) out.push(labelled(syscall, { ...witness, [c.index]: v }));
    }
  }
  return out;
}

function holding(c: SeccompArg): number {
  switch (c.op) {
    case 'SCMP_CMP_MASKED_EQ':
      return c.valueTwo ?? 0;
    case 'SCMP_CMP_LT':
      return Math.max(0, c.value - 1);
    case 'SCMP_CMP_GT':
    case 'SCMP_CMP_NE':
      return c.value + 1;
    default:
      return c.value;
  }
}

function around(c: SeccompArg): number[] {
  if (c.op !== 'SCMP_CMP_MASKED_EQ') return [c.value - 1, c.value, c.value + 1].filter((v) => v >= 0);
  // Each masked bit flipped on its own: for clone's namespace mask, one CLONE_NEW* at a time.
  const two = c.valueTwo ?? 0;
  const bits: number[] = [];
  for (let b = 0; b < 32; b++) {
    const bit = 2 ** b;
    if (Math.floor(c.value / bit) % 2 === 1) bits.push(Math.floor(two / bit) % 2 === 1 ? two - bit : two + bit);
  }
  return bits.length <= 8 ? bits : bits.slice(0, 8);
}

function labelled(syscall: string, set: Readonly<Record<number, number>>): Probe {
  const v = (i: number): number => set[i] ?? 0;
  switch (syscall) {
    case 'socket':
      return socketProbe(v(0), v(1), v(2));
    case 'personality':
      return probe(`personality(${personaName(v(0))})`, set);
    case 'clone':
      return probe(`clone(${cloneFlags(v(0))})`, set);
    default: {
      const shown = Object.keys(set)
        .map(Number)
        .sort((a, b) => a - b);
      return probe(`${syscall}(${shown.map((i) => `arg${i}=0x${v(i).toString(16)}`).join(', ')})`, set);
    }
  }
}
