import { createHash } from 'node:crypto';
import { describeIssues } from '../../targets/file/errors.js';
import { definitionOf } from '../../targets/file/definition.js';
import { targetFileSchema } from '../../targets/file/schema.js';
import { splitCommand } from '../../targets/file/values.js';
import type { TargetDefinition } from '../../targets/types.js';
import { UsageError } from '../shared/errors.js';

/** `sandfuzz run --image REF ...`: the flags of a one-off run, as the user gives them. */
export interface ImageFlags {
  readonly image: string;
  readonly name?: string;
  readonly protocol?: string;
  readonly port?: string | number;
  /** '/health' (HTTP path), 'tcp', or 'exec:CMD ARGS'. */
  readonly ready?: string;
  readonly readyTimeout?: string;
  readonly env?: readonly string[];
  readonly openapi?: string;
  readonly workloadCmd?: readonly string[];
  readonly user?: string;
  readonly readOnly?: boolean;
  readonly tmpfs?: readonly string[];
}

/** Which flag sets each target-file key, so a message names what the user typed. */
const FLAG_OF: Record<string, string> = {
  image: '--image',
  name: '--name',
  protocol: '--protocol',
  port: '--port',
  ready: '--ready',
  environment: '--env',
  openapi: '--openapi',
  workloads: '--workload-cmd',
  user: '--user',
  read_only: '--read-only',
  tmpfs: '--tmpfs',
};

function readyOf(flag: string | undefined, timeout: string | undefined): Record<string, unknown> | undefined {
  const t = timeout !== undefined ? { timeout } : {};
  if (flag === undefined) return timeout !== undefined ? t : undefined;
  if (flag.startsWith('/')) return { http: flag, ...t };
  if (flag === 'tcp') return { tcp: true, ...t };
  if (flag.startsWith('exec:')) {
    const cmd = splitCommand(flag.slice(5));
    if (!cmd) throw new UsageError(`--ready exec: needs a command (got '${flag}')`);
    return { exec: cmd, ...t };
  }
  throw new UsageError(`--ready must be an HTTP path ('/health'), 'tcp' or 'exec:CMD ARGS' (got '${flag}')`);
}

/** JSON with every object's keys sorted: the same value, the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function portOf(value: string | number | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : String(value);
}

/**
 * The target a one-off run describes, through the same schema and defaults as a target file
 * (a minimal target file, written as flags). Errors name the flag.
 */
export function definitionFromFlags(flags: ImageFlags, cwd: string = process.cwd()): TargetDefinition {
  const workloads = (flags.workloadCmd ?? []).map((text, i) => {
    const cmd = splitCommand(text);
    if (!cmd) throw new UsageError(`--workload-cmd needs a command (got '${text}')`);
    return { name: `workload-${i + 1}`, host: cmd };
  });
  const raw: Record<string, unknown> = {
    image: flags.image,
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(flags.protocol !== undefined ? { protocol: flags.protocol } : {}),
    ...(flags.port !== undefined ? { port: portOf(flags.port) } : {}),
    ...(readyOf(flags.ready, flags.readyTimeout) ? { ready: readyOf(flags.ready, flags.readyTimeout) } : {}),
    ...(flags.env && flags.env.length > 0 ? { environment: [...flags.env] } : {}),
    ...(flags.openapi !== undefined ? { openapi: flags.openapi } : {}),
    ...(workloads.length > 0 ? { workloads } : {}),
    ...(flags.user !== undefined ? { user: flags.user } : {}),
    ...(flags.readOnly ? { read_only: true } : {}),
    ...(flags.tmpfs && flags.tmpfs.length > 0 ? { tmpfs: [...flags.tmpfs] } : {}),
  };
  const result = targetFileSchema.safeParse(raw);
  if (!result.success) {
    const key = String(result.error.issues[0]?.path[0] ?? '');
    const line = describeIssues('command line', result.error.issues, raw).replace(`command line: ${key}`, `${FLAG_OF[key] ?? key}`);
    throw new UsageError(line);
  }
  // The command line's canonical form, hashed like a target file's bytes: the same flags, the same hash.
  const sha256 = createHash('sha256').update(canonicalJson(raw)).digest('hex');
  return definitionOf(result.data, { kind: 'command-line', sha256 }, cwd);
}
