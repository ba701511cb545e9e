import { UsageError } from '../src/errors.js';
import { httpGenerator } from './http/index.js';
import type { WorkloadGenerator } from './types.js';

/** Every workload generator by registry key: CLI choices, validation and help derive from it. */
export const GENERATORS = { http: httpGenerator } as const satisfies Record<string, WorkloadGenerator>;

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
