import { UsageError } from '../src/shared/errors.js';
import { createHttpGenerator, httpGenerator, type HttpConstraints } from './http/index.js';
import { createRespGenerator, respGenerator } from './resp/index.js';
import { createSqlGenerator, sqlGenerator } from './sql/index.js';
import { createTcpGenerator, type TcpConstraints } from './tcp/index.js';
import type { GuidedGenerator, WorkloadGenerator } from './types.js';

const tcpGenerator = createTcpGenerator();

/** Every protocol generator by registry key (default instances): CLI choices, validation and help derive from it. */
export const GENERATORS = { http: httpGenerator, redis: respGenerator, postgres: sqlGenerator, tcp: tcpGenerator } as const satisfies Record<string, WorkloadGenerator>;

export type GeneratorName = keyof typeof GENERATORS;

export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

export function isGeneratorName(name: string): name is GeneratorName {
  return Object.hasOwn(GENERATORS, name);
}

/** The generator registered under `name`; a UsageError listing the known names otherwise. */
export function getGenerator<N extends GeneratorName>(name: N): (typeof GENERATORS)[N];
export function getGenerator(name: string): WorkloadGenerator;
export function getGenerator(name: string): WorkloadGenerator {
  if (!isGeneratorName(name)) {
    throw new UsageError(`unknown generator '${name}' (known: ${GENERATOR_NAMES.join(', ')})`);
  }
  return GENERATORS[name] as WorkloadGenerator;
}

/**
 * Fresh instances, so that what one run's `prepare` learns (a grammar, a catalog, crawled paths)
 * never leaks into another run mining beside it. Constraints come from the target.
 */
const FACTORIES: Record<GeneratorName, (constraints?: Readonly<Record<string, unknown>>) => GuidedGenerator> = {
  http: (c) => createHttpGenerator(c as HttpConstraints | undefined) as GuidedGenerator,
  redis: () => createRespGenerator() as GuidedGenerator,
  postgres: () => createSqlGenerator() as GuidedGenerator,
  tcp: (c) => createTcpGenerator(c as TcpConstraints | undefined) as GuidedGenerator,
};

/** Generators that take constraints from a target (paths that exist, messages to send...). */
const TAKES_CONSTRAINTS: ReadonlySet<GeneratorName> = new Set(['http', 'tcp']);

/** A fresh generator for a target, built with the target's constraints when it has any. */
export function createGenerator(name: string, constraints?: Readonly<Record<string, unknown>>): GuidedGenerator {
  if (!isGeneratorName(name)) getGenerator(name);
  const key = name as GeneratorName;
  if (constraints !== undefined && !TAKES_CONSTRAINTS.has(key)) throw new UsageError(`generator '${name}' takes no constraints`);
  return FACTORIES[key](constraints);
}

export { createWorkload, type WorkloadPlan } from './workload.js';
