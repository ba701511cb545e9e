import fc from 'fast-check';
import type { Prepared } from './generate.js';
import { SAMPLE } from './generate.js';
import type { JsonValue, OpenApiStep, OpenApiUnit, StepParameter } from './unit.js';

const MUTATIONS = ['values', 'invalid', 'field', 'splice', 'drop', 'repeat'] as const;
type Mutation = (typeof MUTATIONS)[number];

// Replacements for the model-free field tweak: the edges handlers trip on.
const TWEAKS: readonly JsonValue[] = [null, 0, -1, 2147483648, '', 'sandfuzz', true, [], {}];

function reindexed(step: OpenApiStep, map: (index: number) => number | null): OpenApiStep {
  const parameters = step.parameters.map((p): StepParameter => {
    if (!p.$ref) return p;
    const to = map(p.$ref.step);
    const { $ref, ...rest } = p;
    return to === null ? rest : { ...rest, $ref: { ...$ref, step: to } };
  });
  return { ...step, parameters };
}

/** Steps with `step` inserted at `at`; later references move along. References inside `step` stay. */
function inserted(steps: readonly OpenApiStep[], at: number, step: OpenApiStep): OpenApiStep[] {
  const after = steps.slice(at).map((s) => reindexed(s, (i) => (i >= at ? i + 1 : i)));
  return [...steps.slice(0, at), step, ...after];
}

/** Steps without the one at `at`; references to it fall back to their values. */
function removed(steps: readonly OpenApiStep[], at: number): OpenApiStep[] {
  const after = steps.slice(at + 1).map((s) => reindexed(s, (i) => (i === at ? null : i > at ? i - 1 : i)));
  return [...steps.slice(0, at), ...after];
}

/** Keeps the references of `old` on the same-named path parameters of `fresh`. */
function keepReferences(old: OpenApiStep, fresh: OpenApiStep): OpenApiStep {
  const parameters = fresh.parameters.map((p) => {
    const ref = old.parameters.find((o) => o.in === p.in && o.name === p.name)?.$ref;
    return ref && fresh.intent !== 'bad-parameter' ? { ...p, $ref: ref } : p;
  });
  return { ...fresh, parameters };
}

function tweakedValue(value: JsonValue, pick: number, n: number): JsonValue {
  const replacement = TWEAKS[n % TWEAKS.length]!;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return { sandfuzz: replacement };
  const key = keys[pick % keys.length]!;
  const copy = { ...value };
  // Every third tweak drops the field instead: a missing optional (or required) field.
  if (n % 3 === 0) delete copy[key];
  else copy[key] = replacement;
  return copy;
}

/** A body field or a parameter value replaced by an edge value, without the description. */
function tweaked(step: OpenApiStep, pick: number, n: number): OpenApiStep {
  const body = step.body;
  const free = step.parameters.filter((p) => !p.$ref);
  if (body && body.kind !== 'text' && (free.length === 0 || n % 2 === 0)) {
    return { ...step, body: { ...body, value: tweakedValue(body.value, pick, n) }, intent: 'tweaked' };
  }
  if (free.length === 0) return step;
  const target = free[pick % free.length]!;
  const parameters = step.parameters.map((p) => (p === target ? { ...p, value: tweakedValue(p.value, pick, n) } : p));
  return { ...step, parameters, intent: 'tweaked' };
}

/**
 * A variant of a kept unit, deterministic for (parent, seed, donor, what prepare learned): fresh
 * values for a step, the main request made invalid, a field tweaked, a donor's step spliced in,
 * a producer dropped, or the main request repeated. The main request stays last, so the family
 * does not change. Without prepare() only the model-free mutations apply.
 */
export function mutateUnit(parent: OpenApiUnit, seed: number, donor: OpenApiUnit | undefined, p: Prepared | null, maxSteps: number): OpenApiUnit {
  const [mutation, pick, n, freshSeed] = fc.sample(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat(), fc.integer()), {
    ...SAMPLE,
    seed: seed | 0,
    numRuns: 1,
  })[0]!;
  const steps = [...parent.steps];
  const last = steps.length - 1;
  const main = steps[last]!;
  const opOf = (step: OpenApiStep) => p?.operation(`openapi:${step.method} ${step.pathTemplate}`);
  const room = steps.length < maxSteps;
  const apply = (m: Mutation): OpenApiStep[] | null => {
    switch (m) {
      case 'values': {
        const at = pick % steps.length;
        const op = opOf(steps[at]!);
        return op ? steps.map((s, i) => (i === at ? keepReferences(s, p!.step(op, 'valid', freshSeed)) : s)) : null;
      }
      case 'invalid': {
        const op = opOf(main);
        return op ? [...steps.slice(0, last), keepReferences(main, p!.step(op, 'invalid', freshSeed))] : null;
      }
      case 'field': {
        // The main request half the time: its handler is the one the family is about.
        const at = n % 2 === 0 ? last : pick % steps.length;
        return steps.map((s, i) => (i === at ? tweaked(s, pick, n >>> 1) : s));
      }
      case 'splice': {
        const donated = donor?.steps[pick % donor.steps.length];
        if (!donated) return null;
        // The donor's references point into the donor: its step goes in with plain values.
        const clean = reindexed(donated, () => null);
        if (room) return inserted(steps, n % steps.length, clean);
        if (last === 0) return null;
        const at = n % last;
        return inserted(removed(steps, at), at, clean);
      }
      case 'drop':
        return last > 0 ? removed(steps, pick % last) : null;
      case 'repeat':
        return room ? inserted(steps, last, main) : null;
    }
  };
  // A mutation that does not apply (no model, no room, no donor) falls through to the next one.
  for (let k = 0; k < MUTATIONS.length; k++) {
    const result = apply(MUTATIONS[(MUTATIONS.indexOf(mutation) + k) % MUTATIONS.length]!);
    if (result && result.length > 0) return { ...parent, steps: result };
  }
  return parent;
}
