import { InputFileError, UsageError } from '../shared/errors.js';
import { compareNames } from '../syscalls/index.js';
import { SANDFUZZ_VERSION } from '../shared/version.js';
import { ARG_RULE_KINDS } from './args/index.js';
import { conditionsDisjoint } from './args/disjoint.js';
import { EPERM } from './build.js';
import { canonicalJson } from './formats/json.js';
import {
  isPermissive,
  type JsonValue,
  type Provenance,
  SECCOMP_ARCHES,
  type SeccompAction,
  type SeccompArch,
  type SeccompArg,
  type SeccompProfile,
  type SeccompRule,
} from './seccomp.js';

/** One profile to merge and where it came from (named in errors). */
export interface MergeInput {
  readonly source: string;
  readonly profile: SeccompProfile;
}

/** Options of mergeProfiles. */
export interface MergeOptions {
  /** sandfuzz version recorded in the merged provenance (default: this one). */
  readonly version?: string;
}

/** A rule body without names: what one name is allowed or denied under. */
interface Treatment {
  readonly action: SeccompAction;
  readonly errnoRet?: number;
  readonly args?: readonly SeccompArg[];
  readonly comment?: string;
}

// Native ABI first, as buildProfile writes them; other arches in the spec's order.
const ARCH_ORDER: readonly SeccompArch[] = [
  'SCMP_ARCH_X86_64',
  'SCMP_ARCH_X86',
  'SCMP_ARCH_X32',
  ...SECCOMP_ARCHES.filter((a) => a !== 'SCMP_ARCH_X86_64' && a !== 'SCMP_ARCH_X86' && a !== 'SCMP_ARCH_X32'),
];

/**
 * Unions allow-list profiles of several runs: a syscall is allowed when any input allows it.
 * A plain allow beats conditional ones (clone plainly ∪ clone under the namespace mask = clone
 * plainly); conditional allows are kept side by side (OR). A name no input allows keeps its
 * explicit deny rule (clone3 → ENOSYS) rather than the default; conflicting deny rules are refused.
 * Pure and order-independent: the same inputs in any order give the same profile.
 */
export function mergeProfiles(inputs: readonly MergeInput[], options: MergeOptions = {}): SeccompProfile {
  if (inputs.length === 0) throw new UsageError('merge needs at least one profile');
  // Sorting first makes error messages independent of argument order too.
  const sorted = [...inputs].sort((a, b) => compareNames(a.source, b.source));
  for (const input of sorted) checkMergeable(input);
  const defaultAction = agreed(sorted, (p) => p.defaultAction, 'defaultAction');
  const defaultErrnoRet = agreed(sorted, effectiveErrno, 'defaultErrnoRet');

  const plain = new Map<string, Set<SeccompAction>>();
  const conditional = new Map<string, Map<string, Treatment>>();
  const denied = new Map<string, { readonly source: string; readonly key: string; readonly rules: Map<string, Treatment> }[]>();
  for (const { source, profile } of sorted) {
    const denies = new Map<string, Map<string, Treatment>>();
    for (const rule of profile.syscalls) {
      const t = treatmentOf(rule);
      for (const name of rule.names) {
        if (!isPermissive(rule.action)) addTo(denies, name, t);
        else if (t.args === undefined) getOrSet(plain, name, () => new Set()).add(t.action);
        else addTo(conditional, name, t);
      }
    }
    for (const [name, rules] of denies) getOrSet(denied, name, () => []).push({ source, key: [...rules.keys()].sort().join('|'), rules });
  }
  // Only names no input allows keep a deny rule, so only their deny rules must agree.
  const deniedOnly: (readonly [string, ReadonlyMap<string, Treatment>])[] = [];
  for (const [name, [first, ...rest]] of denied) {
    if (plain.has(name) || conditional.has(name) || first === undefined) continue;
    const other = rest.find((d) => d.key !== first.key);
    if (other !== undefined) {
      throw new InputFileError(
        `cannot merge: ${first.source} and ${other.source} deny ${name} differently (${describe(first.rules)} vs ${describe(other.rules)})`,
      );
    }
    deniedOnly.push([name, first.rules]);
  }

  const syscalls: SeccompRule[] = [];
  for (const action of ['SCMP_ACT_ALLOW', 'SCMP_ACT_LOG'] as const) {
    // A name allowed plainly by ALLOW somewhere is not also logged: the syscall runs either way.
    const names = [...plain].filter(([, acts]) => (action === 'SCMP_ACT_ALLOW' ? acts.has(action) : !acts.has('SCMP_ACT_ALLOW'))).map(([n]) => n);
    if (names.length > 0) syscalls.push({ names: names.sort(compareNames), action });
  }
  const conditionalOnly = [...conditional]
    .filter(([name]) => !plain.has(name))
    .map(([name, allows]) => [name, new Map([...allows, ...denialsBeside(name, allows, denied.get(name) ?? [])])] as const);
  syscalls.push(...grouped(conditionalOnly));
  syscalls.push(...grouped(deniedOnly));

  return dropUndefined({
    defaultAction,
    defaultErrnoRet,
    architectures: mergedArches(sorted.map((i) => i.profile)),
    flags: union(sorted.map((i) => i.profile.flags)),
    syscalls,
    sandfuzz: mergedProvenance(
      sorted.map((i) => i.profile),
      options.version ?? SANDFUZZ_VERSION,
    ),
  });
}

/**
 * The deny rules a conditionally allowed name keeps in the union: those of its argument-rule kind
 * rebuilt for the merged allows (socket: EAFNOSUPPORT for the families no run used), else each
 * run's own; either way only rules that cannot overlap a merged allow, since of two overlapping
 * rules libseccomp picks one by its own order. A call no kept rule covers gets the default.
 */
function denialsBeside(
  name: string,
  allows: ReadonlyMap<string, Treatment>,
  denials: readonly { readonly rules: ReadonlyMap<string, Treatment> }[],
): Map<string, Treatment> {
  const allowRules = [...allows.values()].map((t) => ({ names: [name], ...t }));
  const rebuilt = ARG_RULE_KINDS.find((k) => k.syscall === name)?.denyRulesFor?.(allowRules);
  const candidates = rebuilt ? rebuilt.map(treatmentOf) : denials.flatMap((d) => [...d.rules.values()]);
  const kept = new Map<string, Treatment>();
  for (const t of candidates) {
    const args = t.args;
    if (args === undefined || !allowRules.every((a) => conditionsDisjoint(args, a.args ?? []))) continue;
    put(kept, t);
  }
  return kept;
}

/** archMap and includes/excludes depend on the host and container: their union is not well defined. */
function checkMergeable({ source, profile }: MergeInput): void {
  if (isPermissive(profile.defaultAction)) {
    throw new InputFileError(`${source}: defaultAction ${profile.defaultAction} makes it a deny-list; merge unions allow-lists`);
  }
  if (profile.archMap?.length) throw new InputFileError(`${source}: cannot merge a profile with "archMap": list "architectures" instead`);
  const i = profile.syscalls.findIndex((r) => r.includes !== undefined || r.excludes !== undefined);
  if (i >= 0) throw new InputFileError(`${source}: cannot merge syscalls[${i}]: Docker's includes/excludes depend on the container`);
}

/** The one value every input has, or a one-line error naming two inputs that disagree. */
function agreed<T>(inputs: readonly MergeInput[], get: (p: SeccompProfile) => T, what: string): T {
  const first = inputs[0]!;
  const other = inputs.find((i) => get(i.profile) !== get(first.profile));
  if (other !== undefined) {
    throw new InputFileError(
      `cannot merge: ${first.source} has ${what} ${String(get(first.profile))} but ${other.source} has ${String(get(other.profile))}`,
    );
  }
  return get(first.profile);
}

/** What a runtime returns for the default: runc uses EPERM when an ERRNO default has no errno. */
export function effectiveErrno(p: SeccompProfile): number | undefined {
  return p.defaultErrnoRet ?? (p.defaultAction === 'SCMP_ACT_ERRNO' ? EPERM : undefined);
}

/** A rule without its names; args sorted and deduplicated (they are ANDed, so order is noise). */
function treatmentOf(rule: SeccompRule): Treatment {
  const args = [...new Map((rule.args ?? []).map((a) => [canonicalJson(normArg(a)), normArg(a)])).entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([, a]) => a);
  return dropUndefined({
    action: rule.action,
    // errnoRet means nothing for an allowed syscall.
    errnoRet: isPermissive(rule.action) ? undefined : rule.errnoRet,
    args: args.length > 0 ? args : undefined,
    comment: rule.comment,
  });
}

// valueTwo defaults to 0 in every runtime; writing it always keeps equal args byte-equal.
function normArg(a: SeccompArg): SeccompArg {
  return { index: a.index, value: a.value, valueTwo: a.valueTwo ?? 0, op: a.op };
}

/** Identity of a treatment, comment excluded. */
function keyOf(t: Treatment): string {
  return canonicalJson({ action: t.action, errnoRet: t.errnoRet, args: t.args });
}

/** Adds a treatment; of two equal ones the smaller comment wins, so the result is order-free. */
function addTo(map: Map<string, Map<string, Treatment>>, name: string, t: Treatment): void {
  put(
    getOrSet(map, name, () => new Map<string, Treatment>()),
    t,
  );
}

function put(byKey: Map<string, Treatment>, t: Treatment): void {
  const key = keyOf(t);
  const old = byKey.get(key);
  if (old === undefined || (t.comment !== undefined && (old.comment === undefined || t.comment < old.comment))) byKey.set(key, t);
}

/** One rule per distinct treatment, naming every syscall that has it; rules ordered by first name. */
function grouped(entries: readonly (readonly [string, ReadonlyMap<string, Treatment>])[]): SeccompRule[] {
  const groups = new Map<string, { treatment: Treatment; names: string[] }>();
  for (const [name, treatments] of entries) {
    for (const [key, t] of treatments) {
      const group = getOrSet(groups, key, () => ({ treatment: t, names: [] }));
      group.names.push(name);
      if (t.comment !== undefined && (group.treatment.comment === undefined || t.comment < group.treatment.comment)) group.treatment = t;
    }
  }
  return [...groups]
    .map(([key, g]) => ({ key, rule: dropUndefined({ names: g.names.sort(compareNames), ...g.treatment }) }))
    .sort((a, b) => compareNames(a.rule.names[0]!, b.rule.names[0]!) || compareNames(a.key, b.key))
    .map(({ rule }) => rule);
}

/** Union of listed arches; a profile listing none filters only the native one (x86_64 hosts). */
function mergedArches(profiles: readonly SeccompProfile[]): SeccompArch[] | undefined {
  if (profiles.every((p) => !p.architectures?.length)) return undefined;
  const all = new Set(profiles.flatMap((p) => (p.architectures?.length ? p.architectures : ['SCMP_ARCH_X86_64' as const])));
  return ARCH_ORDER.filter((a) => all.has(a));
}

function union(lists: readonly (readonly string[] | undefined)[]): string[] | undefined {
  const all = [...new Set(lists.flatMap((l) => l ?? []))].sort(compareNames);
  return all.length > 0 ? all : undefined;
}

/** Every input's provenance (null when it has none), merged ones flattened, in canonical order. */
function mergedProvenance(profiles: readonly SeccompProfile[], version: string): Provenance {
  const entries: JsonValue[] = profiles.flatMap((p): JsonValue[] => {
    const prov = p.sandfuzz;
    if (prov === undefined) return [null];
    return Array.isArray(prov.merged) ? [...(prov.merged as readonly JsonValue[])] : [prov];
  });
  entries.sort((a, b) => compareNames(canonicalJson(a), canonicalJson(b)));
  return { tool: 'sandfuzz', version, merged: entries };
}

function describe(rules: ReadonlyMap<string, Treatment>): string {
  return [...rules.values()].map((t) => `${t.action}${t.errnoRet === undefined ? '' : `(${t.errnoRet})`}${t.args ? ' with args' : ''}`).join(', ');
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
