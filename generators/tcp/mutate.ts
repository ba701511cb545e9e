import fc from 'fast-check';
import { MAX_STEPS, type TcpContext } from './arbitraries/context.js';
import { FAMILY_ARBITRARIES } from './arbitraries/tcp-unit.js';
import { SHORT_PAYLOAD_BYTES } from './arbitraries/random-step.js';
import { MAX_TRICKLE_BYTES, MAX_TRICKLE_PAUSE_MS } from './arbitraries/trickle-step.js';
import type { TcpConnectionPlan, TcpStep, TcpUnit } from './unit.js';

// Same fixed parameters as the stream: a global fast-check configuration must not change units.
const SAMPLE = { randomType: 'xorshift128plus', unbiased: false } as const;

const OPERATIONS = ['insert', 'replace', 'delete', 'splice', 'resize', 'flip', 'connections'] as const;
type Operation = (typeof OPERATIONS)[number];

/** The numbers one mutation is made of; `value` sizes and bytes. */
interface Draw {
  readonly op: Operation;
  readonly which: number;
  readonly at: number;
  readonly from: number;
  readonly value: number;
}

type MutablePlan = { steps: TcpStep[]; ending: TcpConnectionPlan['ending'] };

/** Largest payload of one step: a burst's connections each send something short. */
function maxPayload(unit: TcpUnit, ctx: TcpContext): number {
  return unit.family === 'burst' ? SHORT_PAYLOAD_BYTES : ctx.c.maxBytes;
}

/**
 * A donor's step as the parent's family can use it: as-is when its kind fits (random payloads
 * cut to the family's size), a trickle as a plain send and back, else nothing.
 */
function adapt(step: TcpStep, unit: TcpUnit, ctx: TcpContext): TcpStep | null {
  const allowed = FAMILY_ARBITRARIES[unit.family].steps;
  if (step.kind === 'random' && allowed.includes('random')) return { ...step, size: Math.min(step.size, maxPayload(unit, ctx)) };
  if (allowed.includes(step.kind)) return step;
  if (step.kind === 'trickle' && allowed.includes('send')) return { kind: 'send', data: step.data };
  if (step.kind === 'send' && allowed.includes('trickle')) {
    return { kind: 'trickle', data: step.data.slice(0, MAX_TRICKLE_BYTES), pauseMs: 10 };
  }
  return null;
}

/** Half, double, or a size picked by `value`, within [min, max]. */
function rescale(n: number, value: number, min: number, max: number): number {
  const choices = [n >> 1, n * 2, min + (value % (max - min + 1))];
  return Math.max(min, Math.min(max, choices[value % choices.length]!));
}

function resize(step: TcpStep, value: number, unit: TcpUnit, ctx: TcpContext): TcpStep {
  const maxBytes = maxPayload(unit, ctx);
  switch (step.kind) {
    case 'random':
      return { ...step, size: rescale(step.size, value, 1, maxBytes) };
    case 'pause':
      return { ...step, ms: rescale(step.ms, value, 1, ctx.c.holdMs) };
    case 'trickle':
      return { ...step, pauseMs: rescale(step.pauseMs, value, 1, MAX_TRICKLE_PAUSE_MS) };
    case 'send': {
      // Cut to a prefix (a message the server must wait for the rest of) or repeat it (pipelining).
      const longer = step.data.repeat(2 + (value % 3)).slice(0, Math.max(step.data.length, maxBytes));
      const data = value % 2 === 0 ? step.data.slice(0, 1 + (value % step.data.length)) : longer;
      return { ...step, data };
    }
  }
}

function flip(step: TcpStep, at: number, value: number): TcpStep {
  if (step.kind === 'random') return { ...step, seed: (step.seed ^ (value + 1)) | 0 };
  if (step.kind === 'pause') return step;
  const i = at % step.data.length;
  return { ...step, data: step.data.slice(0, i) + String.fromCharCode(value & 0xff) + step.data.slice(i + 1) };
}

function mutateSteps(plan: MutablePlan, d: Draw, parent: TcpUnit, fresh: TcpUnit, ctx: TcpContext, donor?: TcpUnit): void {
  const { steps } = plan;
  const freshSteps = fresh.connections.flatMap((c) => c.steps);
  const minSteps = FAMILY_ARBITRARIES[parent.family].minSteps;
  if (d.op === 'delete' && steps.length > minSteps) steps.splice(d.at % steps.length, 1);
  else if (d.op === 'replace' && steps.length > 0 && freshSteps.length > 0) steps[d.at % steps.length] = freshSteps[d.from % freshSteps.length]!;
  else if (d.op === 'insert' && freshSteps.length > 0) steps.splice(d.at % (steps.length + 1), 0, freshSteps[d.from % freshSteps.length]!);
  else if (d.op === 'splice' && donor) {
    const donorSteps = donor.connections.flatMap((c) => c.steps).flatMap((s) => adapt(s, parent, ctx) ?? []);
    if (donorSteps.length > 0) steps.splice(d.at % (steps.length + 1), steps.length, ...donorSteps.slice(d.from % donorSteps.length));
  } else if (d.op === 'resize' && steps.length > 0) steps[d.at % steps.length] = resize(steps[d.at % steps.length]!, d.value, parent, ctx);
  else if (d.op === 'flip' && steps.length > 0) steps[d.from % steps.length] = flip(steps[d.from % steps.length]!, d.at, d.value);
}

/**
 * The steps cut to MAX_STEPS, their pauses to `holdMs` and their trickles to MAX_TRICKLE_BYTES
 * in all: stacked pauses or trickles would outlast any unit budget and time out every run.
 */
function boundSteps(steps: readonly TcpStep[], ctx: TcpContext): TcpStep[] {
  let holdLeft = ctx.c.holdMs;
  let trickleLeft = MAX_TRICKLE_BYTES;
  return steps.slice(0, MAX_STEPS).flatMap((step): TcpStep[] => {
    if (step.kind === 'pause') {
      const ms = Math.min(step.ms, holdLeft);
      holdLeft -= ms;
      return ms > 0 ? [{ ...step, ms }] : [];
    }
    if (step.kind === 'trickle') {
      const data = step.data.slice(0, trickleLeft);
      trickleLeft -= data.length;
      return data.length > 0 ? [{ ...step, data }] : [];
    }
    return [step];
  });
}

/**
 * A variant of `parent`: a step inserted, replaced (from `fresh`, a unit of the same family) or
 * deleted, donor steps spliced in, a size or byte changed, a connection added or dropped. The
 * family's step kinds and bounds hold afterwards; an operation that cannot apply gives `fresh`.
 */
export function mutateUnit(parent: TcpUnit, seed: number, fresh: TcpUnit, ctx: TcpContext, donor?: TcpUnit): TcpUnit {
  const [op, which, at, from, value] = fc.sample(fc.tuple(fc.constantFrom(...OPERATIONS), fc.nat(), fc.nat(), fc.nat(), fc.nat()), {
    ...SAMPLE,
    seed,
    numRuns: 1,
  })[0]!;
  const { minConnections } = FAMILY_ARBITRARIES[parent.family];
  // Only the families made of connections (burst, connect-close) change their count.
  const d: Draw = { op: op === 'connections' && minConnections === null ? 'insert' : op, which, at, from, value };
  const connections: MutablePlan[] = parent.connections.map((c) => ({ steps: [...c.steps], ending: c.ending }));
  if (d.op === 'connections') {
    const fewest = Math.min(minConnections ?? 1, ctx.c.maxConnections);
    if (connections.length > fewest && at % 2 === 0) connections.splice(at % connections.length, 1);
    else if (connections.length < ctx.c.maxConnections) {
      const added = fresh.connections[from % fresh.connections.length]!;
      connections.push({ steps: [...added.steps], ending: added.ending });
    }
  } else if (connections.length > 0) {
    mutateSteps(connections[which % connections.length]!, d, parent, fresh, ctx, donor);
  }
  const pause = fresh.connections.flatMap((c) => c.steps).find((s) => s.kind === 'pause');
  const child: TcpUnit = {
    family: parent.family,
    connections: connections.map((c) => {
      const steps = boundSteps(c.steps, ctx);
      // A hold that lost its pause is no hold: it gets the fresh unit's, last.
      if (parent.family === 'hold' && pause && !steps.some((s) => s.kind === 'pause')) {
        if (steps.length === MAX_STEPS) steps.pop();
        steps.push(pause);
      }
      return { steps, ending: c.ending };
    }),
  };
  return JSON.stringify(child) === JSON.stringify(parent) ? fresh : child;
}
