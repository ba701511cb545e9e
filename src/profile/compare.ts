import { compareNames } from '../syscalls/index.js';
import { effectiveErrno } from './merge.js';
import { isPermissive, type SeccompArg, type SeccompFilter, type SeccompProfile, type SeccompRule } from './seccomp.js';

/** A syscall both profiles name but treat differently, each side as sorted rule descriptions. */
export interface RuleChange {
  readonly name: string;
  readonly a: readonly string[];
  readonly b: readonly string[];
}

/** A top-level setting that differs (flags joined by spaces; "-" when absent). */
export interface SettingChange {
  readonly setting: 'defaultAction' | 'defaultErrnoRet' | 'flags';
  readonly a: string;
  readonly b: string;
}

/** Everything two profiles allow or decide differently. */
export interface ProfileComparison {
  readonly identical: boolean;
  /** Syscalls A allows (plainly or under conditions) and B does not allow at all. */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
  /** Syscalls with different rules: conditions (clone's namespace mask), errno (clone3 ENOSYS), action. */
  readonly changed: readonly RuleChange[];
  readonly architectures: { readonly onlyInA: readonly string[]; readonly onlyInB: readonly string[] };
  readonly settings: readonly SettingChange[];
}

/** What a syscall without a rule gets. */
export const DEFAULT_TREATMENT = 'default';

/**
 * Compares two profiles rule by rule, per syscall name. Comments and rule grouping are ignored;
 * an ERRNO default without errno counts as EPERM, as runtimes apply it.
 */
export function compareProfiles(a: SeccompProfile, b: SeccompProfile): ProfileComparison {
  const ta = treatments(a);
  const tb = treatments(b);
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  const changed: RuleChange[] = [];
  for (const name of [...new Set([...ta.keys(), ...tb.keys()])].sort(compareNames)) {
    const ra = ta.get(name);
    const rb = tb.get(name);
    const allowedA = ra?.allowed ?? false;
    const allowedB = rb?.allowed ?? false;
    if (allowedA && !allowedB) onlyInA.push(name);
    else if (allowedB && !allowedA) onlyInB.push(name);
    else {
      const da = ra?.descriptions ?? [DEFAULT_TREATMENT];
      const db = rb?.descriptions ?? [DEFAULT_TREATMENT];
      if (da.join('\n') !== db.join('\n')) changed.push({ name, a: da, b: db });
    }
  }
  const archA = arches(a);
  const archB = arches(b);
  const architectures = { onlyInA: archA.filter((x) => !archB.includes(x)), onlyInB: archB.filter((x) => !archA.includes(x)) };
  const settings = settingChanges(a, b);
  const identical =
    onlyInA.length + onlyInB.length + changed.length + architectures.onlyInA.length + architectures.onlyInB.length + settings.length === 0;
  return { identical, onlyInA, onlyInB, changed, architectures, settings };
}

/** diff(1)-like text: `-` only in A, `+` only in B, `~` changed; empty when identical. */
export function formatComparison(c: ProfileComparison, labelA: string, labelB: string): string {
  if (c.identical) return '';
  const lines = [`--- ${labelA}`, `+++ ${labelB}`];
  for (const s of c.settings) lines.push(`~ ${s.setting}: ${s.a} -> ${s.b}`);
  for (const x of c.architectures.onlyInA) lines.push(`- architecture ${x}`);
  for (const x of c.architectures.onlyInB) lines.push(`+ architecture ${x}`);
  for (const n of c.onlyInA) lines.push(`- ${n}`);
  for (const n of c.onlyInB) lines.push(`+ ${n}`);
  for (const ch of c.changed) lines.push(`~ ${ch.name}: ${ch.a.join(' | ')} -> ${ch.b.join(' | ')}`);
  return `${lines.join('\n')}\n`;
}

interface Treatment {
  readonly allowed: boolean;
  readonly descriptions: readonly string[];
}

function treatments(p: SeccompProfile): Map<string, Treatment> {
  const rules = new Map<string, SeccompRule[]>();
  for (const rule of p.syscalls) for (const name of rule.names) rules.set(name, [...(rules.get(name) ?? []), rule]);
  const out = new Map<string, Treatment>();
  for (const [name, list] of rules) {
    out.set(name, { allowed: list.some((r) => isPermissive(r.action)), descriptions: [...new Set(list.map(describeRule))].sort(compareNames) });
  }
  return out;
}

/** e.g. `SCMP_ACT_ALLOW if arg0 & 0x7e020000 == 0`, `SCMP_ACT_ERRNO(38)`. */
export function describeRule(r: SeccompRule): string {
  const errno = r.errnoRet !== undefined && !isPermissive(r.action) ? `(${r.errnoRet})` : '';
  const args = r.args?.length ? ` if ${r.args.map(describeArg).sort(compareNames).join(' && ')}` : '';
  return `${r.action}${errno}${args}${filter('includes', r.includes)}${filter('excludes', r.excludes)}`;
}

const OPS: Readonly<Record<SeccompArg['op'], string>> = {
  SCMP_CMP_NE: '!=',
  SCMP_CMP_LT: '<',
  SCMP_CMP_LE: '<=',
  SCMP_CMP_EQ: '==',
  SCMP_CMP_GE: '>=',
  SCMP_CMP_GT: '>',
  SCMP_CMP_MASKED_EQ: '==',
};

function describeArg(a: SeccompArg): string {
  if (a.op === 'SCMP_CMP_MASKED_EQ') return `arg${a.index} & 0x${a.value.toString(16)} == ${a.valueTwo ?? 0}`;
  return `arg${a.index} ${OPS[a.op]} ${a.value}`;
}

function filter(kind: string, f: SeccompFilter | undefined): string {
  if (f === undefined) return '';
  const parts = [
    f.caps?.length ? `caps=${f.caps.join(',')}` : '',
    f.arches?.length ? `arches=${f.arches.join(',')}` : '',
    f.minKernel ? `minKernel=${f.minKernel}` : '',
  ];
  return ` [${kind} ${parts.filter(Boolean).join(' ')}]`;
}

/** Listed arches, archMap entries included; none listed means the native one only. */
function arches(p: SeccompProfile): string[] {
  const all = [...(p.architectures ?? []), ...(p.archMap ?? []).flatMap((m) => [m.architecture, ...m.subArchitectures])];
  return [...new Set(all.length > 0 ? all : ['SCMP_ARCH_X86_64'])].sort(compareNames);
}

function settingChanges(a: SeccompProfile, b: SeccompProfile): SettingChange[] {
  const pairs: [SettingChange['setting'], string, string][] = [
    ['defaultAction', a.defaultAction, b.defaultAction],
    ['defaultErrnoRet', String(effectiveErrno(a) ?? '-'), String(effectiveErrno(b) ?? '-')],
    ['flags', flags(a), flags(b)],
  ];
  return pairs.filter(([, x, y]) => x !== y).map(([setting, x, y]) => ({ setting, a: x, b: y }));
}

function flags(p: SeccompProfile): string {
  return p.flags?.length ? [...new Set(p.flags)].sort(compareNames).join(' ') : '-';
}
