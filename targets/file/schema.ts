import { z } from 'zod';
import { durationMs, signalName, sizeBytes, splitCommand } from './values.js';

/**
 * The target file's schema: docker-compose's names where compose has one (image, command,
 * entrypoint, environment, user, working_dir, shm_size, tmpfs, read_only, stop_signal,
 * stop_grace_period, build), sandfuzz's own for the rest. Unknown keys are errors, except
 * compose's extension fields (`x-...`), which are ignored.
 */

const LIST_OF_STRINGS = 'expected a list of strings';

const stringList = z.array(z.string({ error: LIST_OF_STRINGS }), { error: LIST_OF_STRINGS }).min(1, 'expected at least one string');

/** compose: a list of words, or one string split on whitespace (no shell). */
const commandLine = z.union([z.string(), stringList], { error: 'expected a command: a string or a list of strings' }).transform((v, ctx) => {
  if (Array.isArray(v)) return v;
  const words = splitCommand(v);
  if (!words) ctx.addIssue({ code: 'custom', message: 'expected a command: a string or a list of strings (unbalanced quote?)' });
  return words ?? [];
});

const duration = z.union([z.string(), z.number()], { error: "expected a duration such as '5s', '1m30s' or '500ms'" }).transform((v, ctx) => {
  const ms = durationMs(v);
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: `expected a duration such as '5s', '1m30s' or '500ms' (got '${v}')` });
  return ms ?? 0;
});

const signal = z.string({ error: "expected a signal name such as 'HUP' or 'SIGTERM'" }).transform((v, ctx) => {
  const name = signalName(v);
  if (!name) ctx.addIssue({ code: 'custom', message: `expected a signal name such as 'HUP' or 'SIGTERM' (got '${v}')` });
  return name ?? '';
});

const port = z
  .number({ error: 'expected a port number' })
  .int('expected a port number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

/** Exactly one of `keys` must be present: the entry's kind. */
function oneOf<T extends Record<string, unknown>>(keys: readonly string[], what: string) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: present.length === 0 ? `expected one of ${keys.join(', ')} (${what})` : `expected only one of ${present.join(', ')}`,
      });
    }
  };
}

export const READY_KINDS = ['http', 'tcp', 'exec'] as const;

const ready = z
  .strictObject(
    {
      http: z.string({ error: "expected a path such as '/health'" }).startsWith('/', "expected a path such as '/health'").optional(),
      status: z
        .number({ error: 'expected an HTTP status code' })
        .int()
        .min(100, 'expected an HTTP status code')
        .max(599, 'expected an HTTP status code')
        .optional(),
      tcp: z.literal(true, { error: 'expected true' }).optional(),
      send: z.string({ error: 'expected a string' }).optional(),
      expect: z.string({ error: 'expected a string' }).optional(),
      exec: stringList.optional(),
      timeout: duration.optional(),
    },
    { error: 'expected an object such as {http: /health} or {tcp: true} or {exec: [cmd, args...]}' },
  )
  .superRefine((v, ctx) => {
    // Only the timeout alone is fine too: the protocol's own check, with a longer wait.
    const present = READY_KINDS.filter((k) => v[k] !== undefined);
    if (present.length > 1) ctx.addIssue({ code: 'custom', message: `expected only one of ${present.join(', ')}` });
    if (v.status !== undefined && v.http === undefined) ctx.addIssue({ code: 'custom', path: ['status'], message: 'only for an http probe' });
    if ((v.send !== undefined || v.expect !== undefined) && v.tcp === undefined)
      ctx.addIssue({ code: 'custom', path: [v.send !== undefined ? 'send' : 'expect'], message: 'only for a tcp probe' });
  });

export const LIFECYCLE_KINDS = ['signal', 'exec', 'host', 'restart', 'idle'] as const;

const lifecycleAction = z
  .strictObject(
    {
      signal: signal.optional(),
      exec: stringList.optional(),
      host: stringList.optional(),
      restart: z.enum(['graceful', 'hard'], { error: "expected 'graceful' or 'hard'" }).optional(),
      idle: duration.optional(),
      name: z.string({ error: 'expected a string' }).min(1).optional(),
      settle: duration.optional(),
      timeout: duration.optional(),
    },
    { error: 'expected an action such as {signal: HUP}, {exec: [cmd, args...]}, {host: [cmd, args...]}, {restart: graceful} or {idle: 5s}' },
  )
  .superRefine(oneOf([...LIFECYCLE_KINDS], 'the action'))
  .superRefine((v, ctx) => {
    if (v.timeout !== undefined && v.exec === undefined && v.host === undefined)
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'only for exec and host actions' });
  });

const workload = z.strictObject(
  {
    host: stringList,
    name: z
      .string({ error: 'expected a string' })
      .regex(/^[\w.-]+$/, 'expected a name of letters, digits, _ . -')
      .optional(),
    timeout: duration.optional(),
    cwd: z.string({ error: 'expected a folder' }).optional(),
  },
  { error: 'expected a workload such as {host: [npm, run, e2e]}' },
);

const environment = z.union(
  [
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' })),
    z.array(z.string().regex(/^[^=]+(=.*)?$/, 'expected KEY=VALUE'), { error: 'expected a map or a list of KEY=VALUE' }),
  ],
  { error: 'expected a map or a list of KEY=VALUE' },
);

export const targetFileSchema = z.strictObject(
  {
    image: z
      .string({ error: (i) => (i.input === undefined ? 'required: the image to mine' : 'expected an image reference') })
      .min(1, 'expected an image reference'),
    name: z
      .string({ error: 'expected a string' })
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'expected lower-case letters, digits, _ . - (a container name part)')
      .optional(),
    description: z.string({ error: 'expected a string' }).optional(),
    build: z.string({ error: 'expected a build context folder' }).optional(),
    protocol: z.enum(['http', 'resp', 'postgres', 'tcp'], { error: 'expected one of http, resp, postgres, tcp' }).optional(),
    port: port.optional(),
    command: commandLine.optional(),
    entrypoint: commandLine.optional(),
    environment: environment.optional(),
    user: z.union([z.string(), z.number()], { error: "expected a user such as 'app' or '1000:1000'" }).transform(String).optional(),
    working_dir: z.string({ error: 'expected an absolute path' }).startsWith('/', 'expected an absolute path').optional(),
    shm_size: z
      .union([z.string(), z.number()], { error: "expected a size such as '256m'" })
      .transform((v, ctx) => {
        const bytes = sizeBytes(v);
        if (bytes === undefined) ctx.addIssue({ code: 'custom', message: `expected a size such as '256m' (got '${v}')` });
        return bytes ?? 0;
      })
      .optional(),
    tmpfs: z
      .union([z.string(), z.array(z.string(), { error: LIST_OF_STRINGS })], { error: 'expected a path or a list of paths' })
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    read_only: z.boolean({ error: 'expected true or false' }).optional(),
    stop_signal: signal.optional(),
    stop_grace_period: duration.optional(),
    ready: ready.optional(),
    openapi: z.string({ error: "expected a file or a path such as '/openapi.json'" }).min(1).optional(),
    http: z.record(z.string(), z.unknown(), { error: 'expected an object of HTTP generator constraints' }).optional(),
    tcp: z
      .strictObject(
        { messages: z.array(z.string(), { error: LIST_OF_STRINGS }).optional() },
        { error: 'expected an object such as {messages: [...]}' },
      )
      .optional(),
    lifecycle: z.array(lifecycleAction, { error: 'expected a list of actions' }).optional(),
    workloads: z.array(workload, { error: 'expected a list of workloads' }).optional(),
    budget: duration.optional(),
  },
  { error: 'expected a mapping of keys such as image, protocol, port' },
);

export type TargetFile = z.output<typeof targetFileSchema>;

/** Every top-level key a target file may have, for messages. */
export const TARGET_FILE_KEYS: readonly string[] = Object.keys(targetFileSchema.shape);
