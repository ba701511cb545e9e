import type { OpenApiStep, OpenApiUnit } from './unit.js';

const MAX_LINE = 160;

function describeStep(step: OpenApiStep): string {
  const target = `${step.method} ${step.pathTemplate}`;
  if (step.intent === 'valid' || step.intent === 'example') return step.body ? `${target} (${step.intent} body)` : target;
  return `${target} (${step.intent})`;
}

/** The unit's main operation family, e.g. 'openapi:POST /items'. */
export function familyOf(unit: OpenApiUnit): string {
  return unit.family;
}

/** One short line, e.g. `POST /items (valid body) then GET /items/{id}`, cut at 160 characters. */
export function describeUnit(unit: OpenApiUnit): string {
  const line = unit.steps.map(describeStep).join(' then ');
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}
