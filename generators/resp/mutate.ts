import fc from 'fast-check';
import type { ResolvedRespConstraints } from './constraints.js';
import { LARGE_POOLS, LARGE_POOL_SIZE, keyName, parseKey } from './key-pools.js';
import type { RespStep, RespUnit } from './unit.js';

/** Where a pool key sits in a unit: step index, argument index (or inline word index). */
interface KeySite {
  readonly step: number;
  readonly arg: number;
}

function keySites(steps: readonly RespStep[]): KeySite[] {
  const sites: KeySite[] = [];
  steps.forEach((step, i) => {
    const words = step.kind === 'command' ? step.args : step.kind === 'inline' ? step.words : [];
    words.forEach((word, j) => {
      if (j > 0 && typeof word === 'string' && parseKey(word)) sites.push({ step: i, arg: j });
    });
  });
  return sites;
}

function withKey(step: RespStep, arg: number, key: string): RespStep {
  if (step.kind === 'command') return { ...step, args: step.args.map((a, j) => (j === arg ? key : a)) };
  if (step.kind === 'inline') return { ...step, words: step.words.map((w, j) => (j === arg ? key : w)) };
  return step;
}

/** Another key of the same pool (the pool's size permitting), for the word at `site`. */
function rekeyed(steps: readonly RespStep[], site: KeySite, pick: number, c: ResolvedRespConstraints): RespStep[] {
  const step = steps[site.step]!;
  const words = step.kind === 'command' ? step.args : step.kind === 'inline' ? step.words : [];
  const parsed = parseKey(words[site.arg] as string)!;
  const size = (LARGE_POOLS as readonly string[]).includes(parsed.pool) ? LARGE_POOL_SIZE : c.keyPoolSize;
  const index = size <= 1 ? 0 : (parsed.index + 1 + (pick % (size - 1))) % size;
  return steps.map((s, i) => (i === site.step ? withKey(s, site.arg, keyName(parsed.pool, index)) : s));
}

/**
 * The mutations of a kept unit, as one arbitrary: insert or replace a step taken from `fresh`
 * (a new unit of the same family), delete, duplicate, splice with the donor, move a key to
 * another key of its pool. Every result has 1..maxCommandsPerUnit steps and the parent's family.
 */
export function mutationArbitrary(
  parent: RespUnit,
  fresh: RespUnit,
  donor: RespUnit | undefined,
  c: ResolvedRespConstraints,
): fc.Arbitrary<RespUnit> {
  const steps = parent.steps;
  const n = steps.length;
  const freshStep = fc.nat({ max: Math.max(0, fresh.steps.length - 1) }).map((i) => fresh.steps[i]!);
  const ops: { weight: number; arbitrary: fc.Arbitrary<RespStep[]> }[] = [
    { weight: 3, arbitrary: fc.tuple(fc.nat({ max: n }), freshStep).map(([at, s]) => steps.toSpliced(at, 0, s)) },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: n - 1 }), freshStep).map(([at, s]) => steps.with(at, s)) },
    { weight: 1, arbitrary: fc.nat({ max: n - 1 }).map((at) => steps.toSpliced(at, 0, steps[at]!)) },
  ];
  if (n > 1) ops.push({ weight: 2, arbitrary: fc.nat({ max: n - 1 }).map((at) => steps.toSpliced(at, 1)) });
  if (donor && donor.steps.length > 0) {
    const d = donor.steps;
    ops.push({
      weight: 2,
      arbitrary: fc.tuple(fc.nat({ max: n }), fc.nat({ max: d.length - 1 })).map(([cut, from]) => [...steps.slice(0, cut), ...d.slice(from)]),
    });
  }
  const sites = keySites(steps);
  if (sites.length > 0) {
    ops.push({ weight: 3, arbitrary: fc.tuple(fc.constantFrom(...sites), fc.nat()).map(([site, pick]) => rekeyed(steps, site, pick, c)) });
  }
  return fc.oneof(...ops).map((mutated): RespUnit => {
    const bounded = mutated.slice(0, c.maxCommandsPerUnit);
    return { family: parent.family, steps: bounded.length > 0 ? bounded : [steps[0]!] };
  });
}
