import fc from 'fast-check';
import { UsageError } from '../../src/shared/errors.js';
import { batchSeed, fmix32 } from '../_shared/seeded-stream.js';
import { invalidStepArbitrary } from './arbitraries/invalid-step.js';
import { stepArbitrary } from './arbitraries/step.js';
import { unitArbitrary, type UnitMode } from './arbitraries/unit-arbitrary.js';
import type { ResolvedOpenApiConstraints } from './constraints.js';
import type { OpenApiModel, OperationSpec } from './model/operation.js';
import type { OpenApiStep, OpenApiUnit } from './unit.js';

// Same fixed parameters as the other generators: a global fast-check configuration must not
// change units.
export const SAMPLE = { randomType: 'xorshift128plus', unbiased: false } as const;

/** One value of `arbitrary` for `seed`; the seed also picks how far into fast-check's size ramp. */
export function sampleOne<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  const runs = 1 + (Math.abs(seed) % 16);
  return fc.sample(arbitrary, { ...SAMPLE, seed: seed | 0, numRuns: runs }).at(-1)!;
}

/** What prepare() learned, with the arbitraries built from it (once per operation and mode). */
export interface Prepared {
  readonly model: OpenApiModel;
  readonly families: readonly string[];
  readonly operation: (family: string) => OperationSpec | undefined;
  readonly unit: (op: OperationSpec, mode: UnitMode, seed: number) => OpenApiUnit;
  readonly step: (op: OperationSpec, mode: 'valid' | 'invalid', seed: number) => OpenApiStep;
}

export function prepared(model: OpenApiModel, c: ResolvedOpenApiConstraints): Prepared {
  const byFamily = new Map(model.operations.map((op) => [op.family, op]));
  const units = new Map<string, fc.Arbitrary<OpenApiUnit>>();
  const steps = new Map<string, fc.Arbitrary<OpenApiStep>>();
  const memo = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make()));
    return value;
  };
  return {
    model,
    families: model.operations.map((op) => op.family),
    operation: (family) => byFamily.get(family),
    unit: (op, mode, seed) =>
      sampleOne(
        memo(units, `${mode} ${op.family}`, () => unitArbitrary(model, op, mode, c)),
        seed,
      ),
    step: (op, mode, seed) =>
      sampleOne(
        memo(steps, `${mode} ${op.family}`, () => (mode === 'valid' ? stepArbitrary(op, 'valid', c) : invalidStepArbitrary(op, c))),
        seed,
      ),
  };
}

/** Valid or invalid for a seed, `invalidShare` of seeds being invalid. */
export function modeForSeed(seed: number, invalidShare: number): UnitMode {
  return fmix32((seed ^ 0x5bd1e995) >>> 0) / 0x1_0000_0000 < invalidShare ? 'invalid' : 'valid';
}

/** One unit of `family`: seeds 0 to exampleUnits - 1 draw on the description's examples. */
export function generateUnit(p: Prepared, c: ResolvedOpenApiConstraints, family: string, seed: number): OpenApiUnit {
  const op = p.operation(family);
  if (!op) throw new Error(`openapi generator has no family '${family}' (known: ${p.families.length} operations)`);
  const mode = seed >= 0 && seed < c.exampleUnits ? 'example' : modeForSeed(seed, c.invalidShare);
  return p.unit(op, mode, seed);
}

/**
 * Round robin over the operations: the first exampleUnits rounds from examples, then valid and
 * (invalidShare of them) invalid units. `current` is read at each unit, so a stream started
 * before prepare() works once it has run.
 */
export function* unitStream(current: () => Prepared, c: ResolvedOpenApiConstraints, seed: number): Generator<OpenApiUnit, never, undefined> {
  if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be a safe integer, got ${seed}`);
  for (let i = 0; ; i++) {
    const p = current();
    const operations = p.model.operations;
    const op = operations[i % operations.length]!;
    const unitSeed = batchSeed(seed, i);
    const mode = Math.floor(i / operations.length) < c.exampleUnits ? 'example' : modeForSeed(unitSeed, c.invalidShare);
    yield p.unit(op, mode, unitSeed);
  }
}
