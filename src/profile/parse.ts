import { InputFileError } from '../shared/errors.js';
import {
  type Provenance,
  SECCOMP_ACTIONS,
  SECCOMP_ARCHES,
  SECCOMP_OPERATORS,
  type SeccompAction,
  type SeccompArch,
  type SeccompArchMapEntry,
  type SeccompArg,
  type SeccompFilter,
  type SeccompProfile,
  type SeccompRule,
} from './seccomp.js';

type Obj = { readonly [key: string]: unknown };

/** Thrown inside the validators, turned into one InputFileError line naming the file. */
class Problem extends Error {}

/**
 * Parses and validates a seccomp profile. Legacy per-rule `name` is normalised into `names`; a
 * null `args` means none; unknown keys are ignored, as Docker does.
 */
export function parseProfile(text: string, sourceName: string): SeccompProfile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // V8 quotes the text it choked on, newlines and all: keep the message on one line.
    const why = err instanceof Error ? err.message.replace(/\s*\n\s*/g, ' ') : String(err);
    throw new InputFileError(`${sourceName}: not valid JSON (${why})`, { cause: err });
  }
  try {
    return toProfile(json);
  } catch (err) {
    if (err instanceof Problem) throw new InputFileError(`${sourceName}: not a seccomp profile: ${err.message}`);
    throw err;
  }
}

function toProfile(json: unknown): SeccompProfile {
  const o = object(json, 'the top level');
  if (o.defaultAction === undefined) throw new Problem('missing "defaultAction"');
  const architectures = optional(o.architectures, (v) => array(v, 'architectures').map((a, i) => arch(a, `architectures[${i}]`)));
  const archMap = optional(o.archMap, (v) => array(v, 'archMap').map((m, i) => archMapEntry(m, `archMap[${i}]`)));
  // Docker refuses this combination outright, so accepting it here would only defer the failure.
  if (architectures?.length && archMap?.length) throw new Problem('both "architectures" and "archMap" are set');
  const profile: SeccompProfile = {
    defaultAction: action(o.defaultAction, 'defaultAction'),
    defaultErrnoRet: optional(o.defaultErrnoRet, (v) => uint(v, 'defaultErrnoRet')),
    architectures,
    archMap,
    flags: optional(o.flags, (v) => strings(v, 'flags')),
    syscalls: optional(o.syscalls, (v) => array(v, 'syscalls').map((r, i) => rule(r, `syscalls[${i}]`))) ?? [],
    sandfuzz: optional(o.sandfuzz, (v) => provenance(v)),
  };
  return dropUndefined(profile);
}

function rule(value: unknown, where: string): SeccompRule {
  const o = object(value, where);
  const name = optional(o.name, (v) => string(v, `${where}.name`));
  const names = optional(o.names, (v) => strings(v, `${where}.names`));
  if (name !== undefined && names !== undefined && names.length > 0) throw new Problem(`${where} has both "name" and "names"`);
  const all = names && names.length > 0 ? names : name !== undefined ? [name] : [];
  if (all.some((n) => n === '')) throw new Problem(`${where}.names contains an empty name`);
  return dropUndefined({
    names: all,
    action: action(o.action, `${where}.action`),
    errnoRet: optional(o.errnoRet, (v) => uint(v, `${where}.errnoRet`)),
    args: optional(o.args, (v) => array(v, `${where}.args`).map((a, i) => arg(a, `${where}.args[${i}]`))),
    comment: optional(o.comment, (v) => string(v, `${where}.comment`)),
    includes: optional(o.includes, (v) => filter(v, `${where}.includes`)),
    excludes: optional(o.excludes, (v) => filter(v, `${where}.excludes`)),
  });
}

function arg(value: unknown, where: string): SeccompArg {
  const o = object(value, where);
  const index = uint(o.index, `${where}.index`);
  if (index > 5) throw new Problem(`${where}.index ${index} is out of range 0-5`);
  return dropUndefined({
    index,
    value: uint(o.value, `${where}.value`),
    valueTwo: optional(o.valueTwo, (v) => uint(v, `${where}.valueTwo`)),
    op: oneOf(o.op, SECCOMP_OPERATORS, `${where}.op`, 'comparison operator'),
  });
}

function filter(value: unknown, where: string): SeccompFilter {
  const o = object(value, where);
  return dropUndefined({
    caps: optional(o.caps, (v) => strings(v, `${where}.caps`)),
    arches: optional(o.arches, (v) => strings(v, `${where}.arches`)),
    minKernel: optional(o.minKernel, (v) => string(v, `${where}.minKernel`)),
  });
}

function archMapEntry(value: unknown, where: string): SeccompArchMapEntry {
  const o = object(value, where);
  return {
    architecture: arch(o.architecture, `${where}.architecture`),
    subArchitectures: (optional(o.subArchitectures, (v) => array(v, `${where}.subArchitectures`)) ?? []).map((a, i) =>
      arch(a, `${where}.subArchitectures[${i}]`),
    ),
  };
}

function provenance(value: unknown): Provenance {
  const o = object(value, 'sandfuzz');
  if (o.tool !== 'sandfuzz' || typeof o.version !== 'string') throw new Problem('"sandfuzz" lacks tool/version');
  return o as Provenance;
}

function action(value: unknown, where: string): SeccompAction {
  return oneOf(value, SECCOMP_ACTIONS, where, 'seccomp action');
}

function arch(value: unknown, where: string): SeccompArch {
  return oneOf(value, SECCOMP_ARCHES, where, 'seccomp architecture');
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, what: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Problem(`${where} ${short(value)} is not a ${what}`);
}

function object(value: unknown, where: string): Obj {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
  throw new Problem(`${where} is ${kind(value)}, expected an object`);
}

function array(value: unknown, where: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new Problem(`${where} is ${kind(value)}, expected an array`);
}

function string(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  throw new Problem(`${where} is ${kind(value)}, expected a string`);
}

function strings(value: unknown, where: string): string[] {
  return array(value, where).map((v, i) => string(v, `${where}[${i}]`));
}

/** JSON numbers beyond 2^53 would silently lose precision in JS: refuse them. */
function uint(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Problem(`${where} ${short(value)} is not an unsigned integer (up to 2^53)`);
}

/** Absent and null (Go's nil) both mean "not set". */
function optional<T>(value: unknown, convert: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : convert(value);
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function short(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
