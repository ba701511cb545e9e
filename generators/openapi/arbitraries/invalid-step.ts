import fc from 'fast-check';
import type { MediaSpec, OperationSpec } from '../model/operation.js';
import type { InvalidKind, JsonValue, OpenApiStep, StepBody, StepParameter } from '../unit.js';
import { bodyFlaws, requiredFields, valueFlaws, type BodyFlaw, type FlawTarget } from './flaw-targets.js';
import type { GenerationLimits } from './limits.js';
import { stepParameter } from './parameter.js';
import { stepArbitrary } from './step.js';

/** One way to break a valid request to the operation. */
type Flaw =
  | { readonly kind: 'missing-required-field'; readonly field: string }
  | (BodyFlaw & { readonly kind: 'wrong-type' | 'out-of-range' | 'bad-enum' })
  | { readonly kind: 'malformed-json' | 'wrong-content-type' | 'missing-body' }
  | { readonly kind: 'missing-parameter'; readonly name: string; readonly in: string }
  | { readonly kind: 'bad-parameter'; readonly name: string; readonly in: string; readonly replacement: JsonValue };

function isFormLike(media: MediaSpec): boolean {
  return media.kind === 'form' || media.kind === 'multipart';
}

/** Every flaw a request to `op` can carry; empty when the operation checks nothing checkable. */
export function flawsOf(op: OperationSpec): Flaw[] {
  const flaws: Flaw[] = [];
  const media = op.body?.media[0];
  if (media && media.kind !== 'text') {
    for (const field of requiredFields(media.schema)) flaws.push({ kind: 'missing-required-field', field });
    flaws.push(...bodyFlaws(media.schema, isFormLike(media)));
  }
  if (media?.kind === 'json') flaws.push({ kind: 'malformed-json' });
  if (media) flaws.push({ kind: 'wrong-content-type' });
  if (op.body?.required) flaws.push({ kind: 'missing-body' });
  for (const p of op.parameters) {
    if (p.required && p.in !== 'path') flaws.push({ kind: 'missing-parameter', name: p.name, in: p.in });
    // Every value on the wire is text: a word is wrong where a number, boolean or enum member belongs.
    for (const flaw of valueFlaws(p.schema, true) as FlawTarget[]) {
      flaws.push({ kind: 'bad-parameter', name: p.name, in: p.in, replacement: flaw.replacement });
    }
  }
  return flaws;
}

/** The JSON text of a value, cut so that no JSON parser accepts it. */
export function malformedJson(value: JsonValue): string {
  const text = JSON.stringify(value);
  const cut = text.length > 1 ? text.slice(0, -1) : `${text},`;
  try {
    JSON.parse(cut);
  } catch {
    return cut;
  }
  return `${cut}{`;
}

function flawedField(body: StepBody, field: string | null, replacement: JsonValue | undefined): StepBody {
  if (body.kind === 'text') return body;
  let value: JsonValue;
  if (field === null) value = replacement ?? null;
  else {
    const object = typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value) ? { ...body.value } : {};
    if (replacement === undefined) delete object[field];
    else object[field] = replacement;
    value = object;
  }
  return { ...body, value };
}

/** A body the operation does not declare: JSON as text/plain, a form as JSON. */
function wrongContentType(op: OperationSpec, body: StepBody): StepBody {
  const accepted = new Set(op.body?.media.map((m) => m.contentType.toLowerCase()) ?? []);
  if (body.kind === 'form' || body.kind === 'multipart') {
    if (!accepted.has('application/json')) return { kind: 'json', contentType: 'application/json', value: body.value };
  }
  const text = body.kind === 'text' ? body.text : JSON.stringify(body.value);
  return { kind: 'text', contentType: accepted.has('text/plain') ? 'application/x-sandfuzz' : 'text/plain', text };
}

function withParameter(step: OpenApiStep, op: OperationSpec, name: string, where: string, value: JsonValue | undefined): StepParameter[] {
  const others = step.parameters.filter((p) => !(p.name === name && p.in === where));
  const spec = op.parameters.find((p) => p.name === name && p.in === where);
  if (value === undefined || !spec) return others;
  return [...others, stepParameter(spec, value)];
}

/** The valid step with one flaw applied; its intent names the flaw. */
export function applyFlaw(op: OperationSpec, step: OpenApiStep, flaw: Flaw): OpenApiStep {
  const flawed = (changes: Partial<OpenApiStep>, intent: InvalidKind): OpenApiStep => ({ ...step, ...changes, intent });
  const body = step.body;
  switch (flaw.kind) {
    case 'missing-required-field':
      return body ? flawed({ body: flawedField(body, flaw.field, undefined) }, flaw.kind) : step;
    case 'wrong-type':
    case 'out-of-range':
    case 'bad-enum':
      return body ? flawed({ body: flawedField(body, flaw.property, flaw.replacement) }, flaw.kind) : step;
    case 'malformed-json':
      return body && body.kind === 'json'
        ? flawed({ body: { kind: 'text', contentType: body.contentType, text: malformedJson(body.value) } }, flaw.kind)
        : step;
    case 'wrong-content-type':
      return body ? flawed({ body: wrongContentType(op, body) }, flaw.kind) : step;
    case 'missing-body':
      return flawed({ body: null }, flaw.kind);
    case 'missing-parameter':
      return flawed({ parameters: withParameter(step, op, flaw.name, flaw.in, undefined) }, flaw.kind);
    case 'bad-parameter':
      return flawed({ parameters: withParameter(step, op, flaw.name, flaw.in, flaw.replacement) }, flaw.kind);
  }
}

/**
 * A deliberately invalid request to `op`: a valid one (body always sent) with one seeded flaw.
 * An operation with nothing checkable gets valid requests.
 */
export function invalidStepArbitrary(op: OperationSpec, limits: GenerationLimits): fc.Arbitrary<OpenApiStep> {
  const flaws = flawsOf(op);
  const valid = stepArbitrary(op, 'valid', limits, true);
  if (flaws.length === 0) return valid;
  // Spread over kinds first, then over the fields of a kind, so that one kind with many fields
  // (a wide body) does not crowd out missing parameters or malformed JSON.
  const kinds = [...new Set(flaws.map((f) => f.kind))];
  return fc.tuple(valid, fc.constantFrom(...kinds), fc.nat()).map(([step, kind, n]) => {
    const ofKind = flaws.filter((f) => f.kind === kind);
    return applyFlaw(op, step, ofKind[n % ofKind.length]!);
  });
}
