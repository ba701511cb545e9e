import type { JsonValue, SeccompArg, SeccompFilter, SeccompProfile, SeccompRule } from './seccomp.js';

/** The profile as JSON text: fixed key order, 2-space indent, trailing newline. */
export function serializeProfile(profile: SeccompProfile): string {
  return `${JSON.stringify(orderProfile(profile), null, 2)}\n`;
}

type Plain = { [key: string]: unknown };

// Objects are rebuilt key by key so the output never depends on how the input was constructed.
function orderProfile(p: SeccompProfile): Plain {
  return compact({
    defaultAction: p.defaultAction,
    defaultErrnoRet: p.defaultErrnoRet,
    architectures: p.architectures,
    archMap: p.archMap?.map((m) => ({ architecture: m.architecture, subArchitectures: m.subArchitectures })),
    flags: p.flags,
    syscalls: p.syscalls.map(orderRule),
    sandfuzz: p.sandfuzz === undefined ? undefined : sortKeys(p.sandfuzz),
  });
}

function orderRule(r: SeccompRule): Plain {
  return compact({
    names: r.names,
    action: r.action,
    errnoRet: r.errnoRet,
    args: r.args?.map(orderArg),
    comment: r.comment,
    includes: r.includes && orderFilter(r.includes),
    excludes: r.excludes && orderFilter(r.excludes),
  });
}

function orderArg(a: SeccompArg): Plain {
  return compact({ index: a.index, value: a.value, valueTwo: a.valueTwo, op: a.op });
}

function orderFilter(f: SeccompFilter): Plain {
  return compact({ caps: f.caps, arches: f.arches, minKernel: f.minKernel });
}

function compact(o: Plain): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** Free-form JSON (provenance): keys sorted at every depth, undefined members dropped. */
function sortKeys(value: JsonValue | undefined): unknown {
  if (Array.isArray(value)) return value.map((v: JsonValue) => sortKeys(v) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const out: Plain = {};
  const obj = value as { readonly [key: string]: JsonValue | undefined };
  for (const k of Object.keys(obj).sort()) {
    const v = sortKeys(obj[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
