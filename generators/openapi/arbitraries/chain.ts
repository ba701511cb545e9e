import type { OpenApiModel, OperationSpec } from '../model/operation.js';
import type { StepReference } from '../unit.js';

/** One step of a chain: an operation, and which of its path parameters earlier steps supply. */
export interface PlannedStep {
  readonly op: OperationSpec;
  readonly refs: readonly { readonly name: string; readonly ref: StepReference }[];
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** '/items/{id}' and 'id' -> '/items': where the items that `{id}` names are created. */
function collectionOf(template: string, name: string): string | null {
  const at = template.indexOf(`/{${name}}`);
  return at < 0 ? null : template.slice(0, at) || '/';
}

function pathParameterCount(op: OperationSpec): number {
  return op.parameters.filter((p) => p.in === 'path').length;
}

/** Where in a producer's answer the parameter's value is, or null if it does not return one. */
function referenceInto(producer: OperationSpec, name: string, collectionPost: boolean): ((step: number) => StepReference) | null {
  const { properties, itemProperties, location } = producer.returns;
  if (properties.includes(name)) return (step) => ({ step, pointer: `/${escapePointer(name)}` });
  if (properties.includes('id')) return (step) => ({ step, pointer: '/id' });
  if (location) return (step) => ({ step, location: true });
  if (itemProperties.includes(name)) return (step) => ({ step, pointer: `/0/${escapePointer(name)}` });
  if (itemProperties.includes('id')) return (step) => ({ step, pointer: '/0/id' });
  // A POST on the collection that documents no answer most likely returns the new item.
  return collectionPost ? (step) => ({ step, pointer: '/id' }) : null;
}

/**
 * Rank of `candidate` as the producer of `name` for `op` (lower is better), or null: a POST on
 * the collection first, then operations returning a property of that name, then ones on the
 * collection returning `id` or a Location, then any returning `id`.
 */
function rank(op: OperationSpec, name: string, candidate: OperationSpec): number | null {
  const collection = collectionOf(op.pathTemplate, name);
  if (collection === null) return null;
  const related = candidate.pathTemplate === collection || candidate.pathTemplate.startsWith(`${collection}/`);
  const { properties, itemProperties, location } = candidate.returns;
  if (candidate.method === 'POST' && candidate.pathTemplate === collection) return 0;
  if (candidate.pathTemplate === op.pathTemplate) return null;
  if (properties.includes(name) && (related || name !== 'id')) return related ? 1 : 2;
  if (related && (properties.includes('id') || location)) return 3;
  if (related && (itemProperties.includes(name) || itemProperties.includes('id'))) return 4;
  if (properties.includes('id')) return 5;
  return null;
}

function producerOf(model: OpenApiModel, op: OperationSpec, name: string, visiting: ReadonlySet<string>): OperationSpec | null {
  let best: { op: OperationSpec; key: [number, number, number] } | null = null;
  for (const candidate of model.operations) {
    if (candidate.family === op.family || visiting.has(candidate.family)) continue;
    const r = rank(op, name, candidate);
    if (r === null) continue;
    // Ties: a POST (it creates), then fewer path parameters of its own (a shorter chain).
    const key: [number, number, number] = [r, candidate.method === 'POST' ? 0 : 1, pathParameterCount(candidate)];
    if (!best || key[0] < best.key[0] || (key[0] === best.key[0] && (key[1] < best.key[1] || (key[1] === best.key[1] && key[2] < best.key[2])))) {
      best = { op: candidate, key };
    }
  }
  return best?.op ?? null;
}

function shifted(step: PlannedStep, offset: number): PlannedStep {
  return { op: step.op, refs: step.refs.map(({ name, ref }) => ({ name, ref: { ...ref, step: ref.step + offset } })) };
}

function plan(model: OpenApiModel, op: OperationSpec, budget: number, visiting: ReadonlySet<string>): PlannedStep[] {
  if (budget < 1) return [];
  const before: PlannedStep[] = [];
  const refs: { name: string; ref: StepReference }[] = [];
  const inner = new Set([...visiting, op.family]);
  // Last parameter first: its producer's chain usually creates what the earlier ones name
  // (/users/{userId}/posts/{postId}: creating a post creates its user first).
  const names = [...op.pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).reverse();
  for (const name of names) {
    const producer = producerOf(model, op, name, inner);
    if (!producer) continue;
    const collectionPost = producer.method === 'POST' && producer.pathTemplate === collectionOf(op.pathTemplate, name);
    const reference = referenceInto(producer, name, collectionPost);
    if (!reference) continue;
    const existing = before.findIndex((s) => s.op.family === producer.family);
    if (existing >= 0) {
      refs.push({ name, ref: reference(existing) });
      continue;
    }
    const chain = plan(model, producer, budget - before.length - 1, inner);
    if (chain.length === 0) continue;
    const offset = before.length;
    before.push(...chain.map((s) => shifted(s, offset)));
    refs.push({ name, ref: reference(before.length - 1) });
  }
  return [...before, { op, refs }];
}

/**
 * The steps a unit of `op` runs: producers of its path parameters (recursively, within
 * `maxSteps`), then `op` itself, last. Deterministic for a model.
 */
export function chainPlan(model: OpenApiModel, op: OperationSpec, maxSteps: number): PlannedStep[] {
  return plan(model, op, maxSteps, new Set());
}
