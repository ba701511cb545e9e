import { UsageError } from '../src/errors.js';
import { createHttpGenerator, httpGenerator, type HttpConstraints } from './http/index.js';
import { respGenerator } from './resp/index.js';
import { sqlGenerator } from './sql/index.js';
import type { WorkloadGenerator } from './types.js';

/** Every workload generator by registry key: CLI choices, validation and help derive from it. */
export const GENERATORS = { http: httpGenerator, redis: respGenerator, postgres: sqlGenerator } as const satisfies Record<string, WorkloadGenerator>;

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

/** Generators that take constraints from a target (paths that exist, sizes...), by registry key. */
const FACTORIES: Partial<Record<GeneratorName, (constraints: never) => WorkloadGenerator>> = {
  http: (c: HttpConstraints) => createHttpGenerator(c),
};

/**
 * The generator for a target: built with the target's constraints when it has any (an nginx
 * image's own files, say), else the registry's default instance.
 */
export function createGenerator(name: string, constraints?: Readonly<Record<string, unknown>>): WorkloadGenerator {
  const generator = getGenerator(name);
  if (constraints === undefined) return generator;
  const factory = FACTORIES[name as GeneratorName] as ((c: unknown) => WorkloadGenerator) | undefined;
  if (!factory) throw new UsageError(`generator '${name}' takes no constraints`);
  return factory(constraints);
}
