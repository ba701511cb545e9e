import { InputFileError, UsageError } from '../../shared/errors.js';
import type { SeccompArg, SeccompProfile, SeccompRule } from '../seccomp.js';
import { isObject, readJson, validateProfile } from './json.js';
import type { ProfileFormat } from './types.js';

/**
 * The OCI runtime-spec `linux.seccomp` object (config-linux.md#seccomp). It has no room for
 * anything else, so provenance is not carried: the output holds only what runc/crun read.
 * Docker's extensions are refused rather than dropped: archMap and includes/excludes change which
 * rules apply, and a runtime would silently ignore them. Rule comments are dropped (documentation).
 */
export const oci: ProfileFormat = {
  name: 'oci',
  description: 'OCI runtime-spec linux.seccomp object, without provenance',
  extension: '.oci.json',
  render: (profile) => `${JSON.stringify(ociObject(profile, 'oci'), null, 2)}\n`,
  parse: (text, source) => fromJson(readJson(text, source), source),
  fromJson: (json, source) => fromJson(json, source),
  matches: (json) => isObject(json) && (isOciConfig(json) || dockerOnlyKey(json) === undefined),
};

/** The runtime-spec object for a profile, keys in spec order; `format` names the caller in errors. */
export function ociObject(p: SeccompProfile, format: string): { readonly [key: string]: unknown } {
  if (p.archMap?.length) throw new UsageError(`the ${format} format cannot express Docker's "archMap": list "architectures" instead`);
  return compact({
    defaultAction: p.defaultAction,
    defaultErrnoRet: p.defaultErrnoRet,
    architectures: p.architectures,
    flags: p.flags,
    syscalls: p.syscalls.map((r, i) => ociRule(r, `syscalls[${i}]`, format)),
  });
}

function ociRule(r: SeccompRule, where: string, format: string): object {
  if (r.includes || r.excludes) {
    throw new UsageError(
      `the ${format} format cannot express Docker's includes/excludes (${where}: ${r.names.slice(0, 3).join(' ')}${r.names.length > 3 ? ' ...' : ''}): the rule would apply unconditionally`,
    );
  }
  return compact({ names: r.names, action: r.action, errnoRet: r.errnoRet, args: r.args?.map(ociArg) });
}

function ociArg(a: SeccompArg): object {
  return compact({ index: a.index, value: a.value, valueTwo: a.valueTwo, op: a.op });
}

function fromJson(json: unknown, source: string): SeccompProfile {
  let seccomp = json;
  if (isObject(json) && isOciConfig(json)) {
    // A whole config.json: the profile is its linux.seccomp member.
    seccomp = isObject(json.linux) ? json.linux.seccomp : undefined;
    if (seccomp === undefined) throw new InputFileError(`${source}: OCI config.json without linux.seccomp`);
  }
  const key = isObject(seccomp) ? dockerOnlyKey(seccomp) : undefined;
  if (key !== undefined) throw new InputFileError(`${source}: ${key} is a Docker extension, not OCI runtime-spec: read the file as docker`);
  return validateProfile(seccomp, source);
}

function isOciConfig(json: { readonly [key: string]: unknown }): boolean {
  return typeof json.ociVersion === 'string';
}

const DOCKER_TOP_KEYS = ['archMap', 'sandfuzz'] as const;
const DOCKER_RULE_KEYS = ['name', 'comment', 'includes', 'excludes'] as const;

/** The first key only Docker (or sandfuzz) reads, as a quoted path, or undefined. */
function dockerOnlyKey(json: { readonly [key: string]: unknown }): string | undefined {
  for (const key of DOCKER_TOP_KEYS) if (json[key] !== undefined && json[key] !== null) return `"${key}"`;
  const rules = Array.isArray(json.syscalls) ? json.syscalls : [];
  for (const [i, rule] of rules.entries()) {
    if (!isObject(rule)) continue;
    for (const key of DOCKER_RULE_KEYS) if (rule[key] !== undefined && rule[key] !== null) return `syscalls[${i}].${key}`;
  }
  return undefined;
}

function compact(o: { [key: string]: unknown }): { readonly [key: string]: unknown } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
