import { UsageError } from '../src/shared/errors.js';
import { createHostWorkloadGenerator, type HostWorkloadSpec } from './host/index.js';
import { createHttpGenerator, type HttpConstraints } from './http/index.js';
import { mixGenerators } from './mix.js';
import { createOpenApiGenerator, type OpenApiSource } from './openapi/index.js';
import { createRespGenerator } from './resp/index.js';
import { createSqlGenerator } from './sql/index.js';
import { createTcpGenerator, type TcpConstraints } from './tcp/index.js';
import type { GuidedGenerator } from './types.js';

/** Constraints from a target file (paths that exist, messages to send...), checked by each generator. */
type TargetConstraints = Readonly<Record<string, unknown>>;

/**
 * Every protocol generator by registry key, as a factory: each call builds a fresh instance, so
 * what one run's `prepare` learns (a grammar, a catalog, crawled paths) never leaks into another
 * run mining beside it. CLI choices, validation and help derive from the keys.
 */
export const GENERATORS = {
  http: (constraints?: TargetConstraints) => createHttpGenerator(constraints as HttpConstraints | undefined),
  redis: () => createRespGenerator(),
  postgres: () => createSqlGenerator(),
  tcp: (constraints?: TargetConstraints) => createTcpGenerator(constraints as TcpConstraints | undefined),
} as const;

export type GeneratorName = keyof typeof GENERATORS;

export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

export function isGeneratorName(name: string): name is GeneratorName {
  return Object.hasOwn(GENERATORS, name);
}

/** Generators that take constraints from a target. */
const TAKES_CONSTRAINTS: ReadonlySet<GeneratorName> = new Set(['http', 'tcp']);

/**
 * A fresh generator registered under `name`, built with a target's constraints when it takes any;
 * a UsageError listing the known names for an unknown one.
 */
export function createGenerator<N extends GeneratorName>(name: N, constraints?: TargetConstraints): ReturnType<(typeof GENERATORS)[N]>;
export function createGenerator(name: string, constraints?: TargetConstraints): GuidedGenerator;
export function createGenerator(name: string, constraints?: TargetConstraints): GuidedGenerator {
  if (!isGeneratorName(name)) throw new UsageError(`unknown generator '${name}' (known: ${GENERATOR_NAMES.join(', ')})`);
  if (constraints !== undefined && !TAKES_CONSTRAINTS.has(name)) throw new UsageError(`generator '${name}' takes no constraints`);
  return GENERATORS[name](constraints) as GuidedGenerator;
}

/** Everything that drives one target while it is mined and proven. */
export interface WorkloadPlan {
  /** Registry key of the protocol generator. */
  readonly generator: string;
  readonly constraints?: TargetConstraints;
  /** An OpenAPI description: its operations join the protocol generator (HTTP only). */
  readonly openapi?: OpenApiSource;
  /** The team's own commands, as families of their own. */
  readonly hostWorkloads: readonly HostWorkloadSpec[];
  /** Scheme of SANDFUZZ_URL for host commands. */
  readonly scheme: string;
  readonly signal?: AbortSignal;
}

/**
 * The workload for a target: the protocol's generic generator, mixed with an OpenAPI-driven one
 * (not instead of it: the generic one still finds the paths the description leaves out) and with
 * the team's own commands. Fresh instances every time.
 */
export function createWorkload(plan: WorkloadPlan): GuidedGenerator {
  const parts: GuidedGenerator[] = [createGenerator(plan.generator, plan.constraints)];
  if (plan.openapi) parts.push(createOpenApiGenerator({ source: plan.openapi }) as GuidedGenerator);
  if (plan.hostWorkloads.length > 0) parts.push(createHostWorkloadGenerator(plan.hostWorkloads, plan.scheme, plan.signal) as GuidedGenerator);
  return mixGenerators(parts);
}
