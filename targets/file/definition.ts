import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { InputFileError } from '../../src/shared/errors.js';
import type { HostWorkload, LifecycleAction, OpenApiSource, ReadyProbe, TargetDefinition, TargetSource } from '../types.js';
import type { TargetFile } from './schema.js';

/** How long a start may take to answer when the file does not say: slow starters are common. */
export const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** compose's default stop_grace_period. */
export const DEFAULT_STOP_GRACE_SEC = 10;
/** A team's test command may take a while; a unit's own timeout (10 s) is for generated units. */
export const DEFAULT_WORKLOAD_TIMEOUT_MS = 120_000;
export const DEFAULT_HOST_ACTION_TIMEOUT_MS = 60_000;

/** 'registry:5000/team/web-api:1.2@sha256:...' -> 'web-api'. */
export function nameFromImage(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.split('/').pop()!;
  const repo = last.includes(':') ? last.slice(0, last.lastIndexOf(':')) : last;
  const clean = repo
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return clean || 'image';
}

function readyProbe(ready: TargetFile['ready']): ReadyProbe {
  if (ready?.http !== undefined) return { kind: 'http', path: ready.http, ...(ready.status !== undefined ? { status: ready.status } : {}) };
  if (ready?.tcp)
    return {
      kind: 'tcp',
      ...(ready.send !== undefined ? { send: ready.send } : {}),
      ...(ready.expect !== undefined ? { expect: ready.expect } : {}),
    };
  if (ready?.exec) return { kind: 'exec', cmd: ready.exec };
  return { kind: 'protocol' };
}

/**
 * `openapi:` names a file (relative to the target file, or an absolute path that exists on this
 * host) or a path on the running server ('/openapi.json', fetched once it is ready).
 */
export function openApiSource(value: string, baseDir: string): OpenApiSource {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new InputFileError(`openapi: '${value}' is a URL: give a local file or a path on the server such as '/openapi.json'`);
  }
  if (!isAbsolute(value)) return { file: resolve(baseDir, value) };
  return existsSync(value) ? { file: value } : { path: value };
}

function environmentOf(env: TargetFile['environment']): Record<string, string> {
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((kv) => {
        const at = kv.indexOf('=');
        // compose: a bare KEY takes its value from sandfuzz's own environment.
        return at < 0 ? [kv, process.env[kv] ?? ''] : [kv.slice(0, at), kv.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

function tmpfsOf(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of list ?? []) {
    const at = entry.indexOf(':');
    out[at < 0 ? entry : entry.slice(0, at)] = at < 0 ? '' : entry.slice(at + 1);
  }
  return out;
}

/**
 * What every server must survive, for a target that names no lifecycle: a graceful restart
 * (start-up on the state it left behind) and an idle spell (timer-driven work). Signals and
 * commands mean different things to different servers, so only a target file names them.
 */
export const DEFAULT_LIFECYCLE: NonNullable<TargetFile['lifecycle']> = [{ idle: 2_000 }, { restart: 'graceful' }];

function lifecycleOf(actions: TargetFile['lifecycle'], baseDir: string): LifecycleAction[] {
  const used = new Map<string, number>();
  const unique = (name: string): string => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
  return (actions ?? DEFAULT_LIFECYCLE).map((a): LifecycleAction => {
    const timeout = a.timeout !== undefined ? { timeoutMs: a.timeout } : {};
    if (a.signal !== undefined)
      return { kind: 'signal', name: unique(a.name ?? `signal ${a.signal}`), signal: a.signal, settleMs: a.settle ?? 1_000 };
    if (a.exec !== undefined)
      return { kind: 'exec', name: unique(a.name ?? `exec ${a.exec.join(' ')}`), cmd: a.exec, settleMs: a.settle ?? 300, ...timeout };
    if (a.host !== undefined)
      return {
        kind: 'host',
        name: unique(a.name ?? `host ${a.host.join(' ')}`),
        cmd: a.host,
        cwd: baseDir,
        settleMs: a.settle ?? 300,
        timeoutMs: a.timeout ?? DEFAULT_HOST_ACTION_TIMEOUT_MS,
      };
    if (a.restart !== undefined) {
      const hard = a.restart === 'hard';
      return {
        kind: 'restart',
        name: unique(a.name ?? (hard ? 'restart after SIGKILL' : 'restart')),
        settleMs: a.settle ?? 300,
        ...(hard ? { hard } : {}),
      };
    }
    return { kind: 'idle', name: unique(a.name ?? `idle ${a.idle! / 1000} s`), settleMs: a.idle! };
  });
}

function workloadsOf(list: TargetFile['workloads'], baseDir: string, file: string): HostWorkload[] {
  const names = new Set<string>();
  return (list ?? []).map((w, i) => {
    const name = w.name ?? `workload-${i + 1}`;
    if (names.has(name)) throw new InputFileError(`${file}: workloads[${i}].name: '${name}' is used twice`);
    names.add(name);
    return { name, cmd: w.host, cwd: resolve(baseDir, w.cwd ?? '.'), timeoutMs: w.timeout ?? DEFAULT_WORKLOAD_TIMEOUT_MS };
  });
}

/**
 * A validated target file as a target definition: relative paths resolved against the file's
 * folder (or the working directory for the command line), defaults filled in.
 */
export function definitionOf(
  file: TargetFile,
  source: TargetSource,
  baseDir: string = source.path ? dirname(source.path) : process.cwd(),
): TargetDefinition {
  const display = source.path ? basename(source.path) : 'command line';
  const workload = file.protocol === 'tcp' || (file.protocol === undefined && file.tcp) ? file.tcp : file.http;
  return {
    name: file.name ?? nameFromImage(file.image),
    description: file.description ?? file.image,
    image: file.image,
    ...(file.build !== undefined ? { build: { contextDir: resolve(baseDir, file.build) } } : {}),
    ...(file.protocol !== undefined ? { protocol: file.protocol } : {}),
    ...(file.port !== undefined ? { port: file.port } : {}),
    run: {
      ...(file.command ? { command: file.command } : {}),
      ...(file.entrypoint ? { entrypoint: file.entrypoint } : {}),
      environment: environmentOf(file.environment),
      ...(file.user !== undefined ? { user: file.user } : {}),
      ...(file.working_dir !== undefined ? { workingDir: file.working_dir } : {}),
      ...(file.shm_size !== undefined ? { shmSizeBytes: file.shm_size } : {}),
      tmpfs: tmpfsOf(file.tmpfs),
      readOnly: file.read_only ?? false,
      ...(file.stop_signal !== undefined ? { stopSignal: file.stop_signal } : {}),
      stopTimeoutSec: Math.ceil((file.stop_grace_period ?? DEFAULT_STOP_GRACE_SEC * 1000) / 1000),
    },
    ready: { probe: readyProbe(file.ready), timeoutMs: file.ready?.timeout ?? DEFAULT_READY_TIMEOUT_MS },
    ...(workload !== undefined ? { workload } : {}),
    ...(file.openapi !== undefined ? { openapi: openApiSource(file.openapi, baseDir) } : {}),
    lifecycle: lifecycleOf(file.lifecycle, baseDir),
    ...(file.lifecycle === undefined ? { probeSignals: true } : {}),
    workloads: workloadsOf(file.workloads, baseDir, display),
    ...(file.budget !== undefined ? { miningBudgetSec: Math.ceil(file.budget / 1000) } : {}),
    source,
  };
}
