import { readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { createOpenApiGenerator, type OpenApiConstraints } from '../../../../generators/openapi/index.js';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/openapi');

export function fixture(name: string): string {
  return resolve(FIXTURES, name);
}

/** The fixture as written (refs intact), for ajv. */
export function rawDocument(name: string): Record<string, unknown> {
  const text = readFileSync(fixture(name), 'utf8');
  return (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>;
}

export async function preparedGenerator(name: string, options: Omit<OpenApiConstraints, 'source'> = {}) {
  const generator = createOpenApiGenerator({ source: { file: fixture(name) }, ...options });
  // A file source does not talk to the endpoint.
  await generator.prepare!({ host: '127.0.0.1', port: 9 }, { timeoutMs: 5000 });
  return generator;
}

/** Swagger 2.0 / OpenAPI 3.0 exclusive flags as draft-07 numbers (a deep copy; acyclic input). */
export function toDraft7(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toDraft7);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toDraft7(v);
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true) {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  if (out.type === 'file') {
    out.type = 'string';
  }
  return out;
}

// ajv-formats is not installed: the formats the fixtures use, written out.
const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(s)),
  time: (s) => /^\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  uri: (s) => {
    try {
      return new URL(s).protocol.length > 1;
    } catch {
      return false;
    }
  },
  ipv4: (s) => isIPv4(s),
  ipv6: (s) => isIPv6(s),
  byte: (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  binary: () => true,
  password: () => true,
};

const NUMBER_FORMATS: Record<string, (n: number) => boolean> = {
  int32: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  int64: (n) => Number.isSafeInteger(n),
  float: () => true,
  double: () => true,
};

function withFormats<A extends Pick<Ajv, 'addFormat'>>(ajv: A): A {
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  for (const [name, validate] of Object.entries(NUMBER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  return ajv;
}

/**
 * Validators for a fixture's schemas: draft 2020-12 for 3.1, draft-07 (exclusive flags converted,
 * `nullable` as ajv reads it) for 2.0 and 3.0. `ref` names a schema of the document as written
 * ('doc#/components/schemas/Item'), or a dereferenced, acyclic schema is given as it is.
 */
export function validators(name: string): (schema: string | object) => ValidateFunction {
  const raw = rawDocument(name);
  const is31 = typeof raw.openapi === 'string' && raw.openapi.startsWith('3.1');
  const options = { strict: false, allErrors: false, logger: false } as const;
  const ajv = withFormats(is31 ? new Ajv2020(options) : new Ajv(options));
  ajv.addSchema((is31 ? raw : toDraft7(raw)) as object, 'doc');
  const cache = new Map<unknown, ValidateFunction>();
  return (schema) => {
    let validate = cache.get(schema);
    if (!validate) {
      validate =
        typeof schema === 'string' ? ajv.compile({ $ref: schema }) : ajv.compile((is31 ? structuredClone(schema) : toDraft7(schema)) as object);
      cache.set(schema, validate);
    }
    return validate;
  };
}
