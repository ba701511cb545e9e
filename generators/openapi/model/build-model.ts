import { isSchema } from '../schema/json-schema.js';
import { basePathOf } from './base-path.js';
import { oas3Body, oas3Parameter } from './oas3-operation.js';
import type { BodySpec, OpenApiModel, OperationSpec, ParameterSpec } from './operation.js';
import { returnedValues } from './returned-values.js';
import { swagger2Body, swagger2Parameter } from './swagger2-operation.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type RawObject = Record<string, unknown>;

function objects(value: unknown): RawObject[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

/** Path-level parameters, overridden by operation-level ones of the same name and location. */
function mergedParameters(pathItem: RawObject, operation: RawObject): RawObject[] {
  const byKey = new Map<string, RawObject>();
  for (const p of [...objects(pathItem.parameters), ...objects(operation.parameters)]) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
  return [...byKey.values()];
}

/** Path parameters the template names but no parameter declares (a lax description): plain strings. */
function undeclaredPathParameters(template: string, declared: readonly ParameterSpec[]): ParameterSpec[] {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return names
    .filter((name) => !declared.some((p) => p.in === 'path' && p.name === name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, style: 'simple', explode: false, examples: [] }));
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function operationSpec(document: RawObject, template: string, method: string, pathItem: RawObject, raw: RawObject): OperationSpec {
  const swagger = typeof document.swagger === 'string';
  const rawParameters = mergedParameters(pathItem, raw);
  const declared = rawParameters
    .map((p) => (swagger ? swagger2Parameter(p) : oas3Parameter(p)))
    .filter((p): p is ParameterSpec => p !== null)
    .filter((p) => p.in !== 'path' || template.includes(`{${p.name}}`));
  const consumes = stringList(raw.consumes) ?? stringList(document.consumes) ?? ['application/json'];
  const body: BodySpec | null = swagger ? swagger2Body(rawParameters, consumes) : oas3Body(raw.requestBody);
  const upper = method.toUpperCase();
  return {
    family: `openapi:${upper} ${template}`,
    method: upper,
    pathTemplate: template,
    parameters: [...declared, ...undeclaredPathParameters(template, declared)],
    body,
    returns: returnedValues(raw.responses),
  };
}

/** The dialect of a validated description: '2.0', '3.0' or '3.1' (and later 3.x read as 3.1). */
export function dialectOf(document: RawObject): OpenApiModel['dialect'] {
  if (typeof document.swagger === 'string') return '2.0';
  return String(document.openapi).startsWith('3.0') ? '3.0' : '3.1';
}

/**
 * The operation model of a dereferenced, validated description: one OperationSpec per path and
 * method, sorted by family (plain code-unit order, so every locale sorts alike).
 */
export function buildModel(source: string, document: RawObject): OpenApiModel {
  const operations: OperationSpec[] = [];
  for (const [template, pathItem] of Object.entries(isSchema(document.paths) ? document.paths : {})) {
    if (!isSchema(pathItem) || !template.startsWith('/')) continue;
    for (const method of METHODS) {
      const raw = pathItem[method];
      if (isSchema(raw)) operations.push(operationSpec(document, template, method, pathItem, raw));
    }
  }
  operations.sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : 0));
  return { source, dialect: dialectOf(document), basePath: basePathOf(document), operations };
}
