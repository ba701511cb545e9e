import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadOpenApiDocument,
  type OpenApiModel,
  type OpenApiStep,
  type OpenApiUnit,
  type OperationSpec,
} from '../../../../generators/openapi/index.js';
import type { GuidedGenerator } from '../../../../generators/types.js';
import { fixture, preparedGenerator, validators } from './helpers.js';

const FIXTURE_NAMES = ['items-3.0.yaml', 'pets-2.0.yaml', 'catalog-3.1.json'] as const;

// Bodies whose schema is cyclic after dereferencing: validated through the document as written.
const BODY_REFS: Record<string, string> = {
  'openapi:POST /items': 'doc#/components/schemas/NewItem',
  'openapi:PUT /items/{id}': 'doc#/components/schemas/NewItem',
  'openapi:POST /products': 'doc#/components/schemas/Product',
  'openapi:POST /pets': 'doc#/definitions/NewPet',
};

interface Loaded {
  readonly generator: GuidedGenerator<OpenApiUnit>;
  readonly model: OpenApiModel;
  readonly validate: ReturnType<typeof validators>;
}

const loaded = new Map<string, Loaded>();
const invalidOnly = new Map<string, GuidedGenerator<OpenApiUnit>>();

beforeAll(async () => {
  for (const name of FIXTURE_NAMES) {
    const model = await loadOpenApiDocument({ file: fixture(name) });
    loaded.set(name, { generator: await preparedGenerator(name), model, validate: validators(name) });
    invalidOnly.set(name, await preparedGenerator(name, { invalidShare: 1, exampleUnits: 0 }));
  }
});

function opOf(model: OpenApiModel, step: OpenApiStep): OperationSpec {
  return model.operations.find((o) => o.family === `openapi:${step.method} ${step.pathTemplate}`)!;
}

function bodyValid(l: Loaded, op: OperationSpec, step: OpenApiStep): boolean {
  const body = step.body!;
  if (body.kind === 'text') throw new Error('no text bodies in these fixtures');
  return l.validate(BODY_REFS[op.family] ?? op.body!.media[0]!.schema)(body.value);
}

function parameterValid(l: Loaded, op: OperationSpec, p: OpenApiStep['parameters'][number]): boolean {
  const spec = op.parameters.find((s) => s.in === p.in && s.name === p.name)!;
  return l.validate(spec.schema)(p.value);
}

function errorsOf(op: OperationSpec, step: OpenApiStep): string {
  return `${JSON.stringify(step)}: ${op.family}`;
}

describe('OpenAPI units', () => {
  it('are deterministic for a seed and survive a JSON round trip', async () => {
    for (const name of FIXTURE_NAMES) {
      const { generator } = loaded.get(name)!;
      const again = await preparedGenerator(name);
      const a = generator.units(7);
      const b = again.units(7);
      for (let i = 0; i < 40; i++) {
        const unit = a.next().value;
        expect(b.next().value).toEqual(unit);
        expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
        expect(generator.families).toContain(generator.family(unit));
      }
      for (const family of generator.families) {
        for (const seed of [0, 1, 5, -3, 2 ** 31 - 1]) expect(again.generate(family, seed)).toEqual(generator.generate(family, seed));
      }
      expect(generator.units(8).next().value).not.toEqual(generator.units(7).next().value);
    }
  });

  it('use the description examples first (low seeds, first rounds of the stream)', () => {
    const { generator } = loaded.get('items-3.0.yaml')!;
    const example = { name: 'lamp', price: 12.5, tags: ['home'] };
    expect(generator.generate('openapi:POST /items', 0).steps[0]).toMatchObject({ intent: 'example', body: { kind: 'json', value: example } });
    expect(generator.generate('openapi:GET /items', 1).steps[0]?.parameters).toEqual([
      { in: 'query', name: 'limit', style: 'form', explode: true, value: 10 },
    ]);
    const stream = generator.units(99);
    const first = Array.from({ length: generator.families.length }, (): OpenApiUnit => stream.next().value);
    expect(first.map((u) => u.family)).toEqual(generator.families);
    expect(first.every((u) => u.steps.every((s) => s.intent === 'example'))).toBe(true);
    const catalog = loaded.get('catalog-3.1.json')!.generator;
    const search = catalog.generate('openapi:GET /search', 0).steps[0]!;
    expect(search.parameters.find((p) => p.name === 'q')?.value).toBe('chair');
    expect(catalog.generate('openapi:POST /products', 1).steps[0]?.body).toMatchObject({ value: { name: 'chair', kind: 'product' } });
  });

  it('send bodies and parameters that validate against their schemas', () => {
    for (const name of FIXTURE_NAMES) {
      const l = loaded.get(name)!;
      fc.assert(
        fc.property(fc.constantFrom(...l.generator.families), fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer()), (family, seed) => {
          const unit = l.generator.generate(family, seed);
          for (const step of unit.steps) {
            if (step.intent !== 'valid' && step.intent !== 'example') continue;
            const op = opOf(l.model, step);
            if (step.body) expect(bodyValid(l, op, step), errorsOf(op, step)).toBe(true);
            for (const p of step.parameters) expect(parameterValid(l, op, p), errorsOf(op, step)).toBe(true);
            for (const required of op.parameters.filter((p) => p.required)) {
              expect(step.parameters.some((p) => p.in === required.in && p.name === required.name)).toBe(true);
            }
            if (op.body?.required) expect(step.body).not.toBeNull();
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it('make deliberately invalid requests that do not validate', () => {
    const seen = new Set<string>();
    for (const name of FIXTURE_NAMES) {
      const l = loaded.get(name)!;
      const generator = invalidOnly.get(name)!;
      fc.assert(
        fc.property(fc.constantFrom(...generator.families), fc.integer(), (family, seed) => {
          const main = generator.generate(family, seed).steps.at(-1)!;
          const op = opOf(l.model, main);
          seen.add(main.intent);
          const body = main.body;
          switch (main.intent) {
            case 'missing-required-field':
            case 'wrong-type':
            case 'out-of-range':
            case 'bad-enum':
              expect(bodyValid(l, op, main), errorsOf(op, main)).toBe(false);
              break;
            case 'bad-parameter':
              expect(
                main.parameters.some((p) => !parameterValid(l, op, p)),
                errorsOf(op, main),
              ).toBe(true);
              break;
            case 'missing-parameter':
              expect(op.parameters.some((r) => r.required && !main.parameters.some((p) => p.in === r.in && p.name === r.name))).toBe(true);
              break;
            case 'malformed-json':
              expect(body?.kind).toBe('text');
              expect(() => JSON.parse(body?.kind === 'text' ? body.text : '')).toThrow();
              break;
            case 'wrong-content-type':
              expect(op.body!.media.map((m) => m.contentType)).not.toContain(body?.contentType);
              break;
            case 'missing-body':
              expect(body).toBeNull();
              expect(op.body?.required).toBe(true);
              break;
            default:
              // Only an operation with nothing to break gets a valid request here.
              expect(main.intent).toBe('valid');
              expect(op.body === null && op.parameters.every((p) => p.in === 'path' && (p.schema.type ?? 'string') === 'string')).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    }
    for (const kind of [
      'missing-required-field',
      'wrong-type',
      'out-of-range',
      'bad-enum',
      'malformed-json',
      'wrong-content-type',
      'missing-body',
      'missing-parameter',
      'bad-parameter',
    ]) {
      expect(seen).toContain(kind);
    }
  });

  it('make about a quarter of the units invalid by default', () => {
    const { generator } = loaded.get('items-3.0.yaml')!;
    let invalid = 0;
    for (let seed = 10; seed < 410; seed++) {
      const main = generator.generate('openapi:POST /items', seed).steps.at(-1)!;
      if (main.intent !== 'valid') invalid++;
    }
    expect(invalid).toBeGreaterThan(60);
    expect(invalid).toBeLessThan(140);
  });

  it('chain a producer before an operation with a path parameter, by reference', () => {
    const { generator } = loaded.get('items-3.0.yaml')!;
    const unit = generator.generate('openapi:GET /items/{id}', 0);
    expect(generator.describe(unit)).toBe('POST /items (example body) then GET /items/{id}');
    expect(unit.steps[1]?.parameters[0]).toMatchObject({ in: 'path', name: 'id', $ref: { step: 0, pointer: '/id' } });
    expect(typeof unit.steps[1]?.parameters[0]?.value).toBe('string');
    const pets = loaded.get('pets-2.0.yaml')!.generator.generate('openapi:POST /pets/{petId}/photo', 0);
    expect(pets.steps.map((s) => `${s.method} ${s.pathTemplate}`)).toEqual(['POST /pets', 'POST /pets/{petId}/photo']);
    expect(pets.steps[1]?.body).toMatchObject({ kind: 'multipart', files: ['file'] });
    // One unit in eight goes unchained, straight to a made-up id.
    const lengths = Array.from({ length: 200 }, (_, i) => generator.generate('openapi:GET /items/{id}', 1000 + i).steps.length);
    expect(lengths.filter((n) => n === 1).length).toBeGreaterThan(5);
    expect(lengths.filter((n) => n === 2).length).toBeGreaterThan(120);
  });

  it('chain nested resources within maxSteps, a Location header when that is all there is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-openapi-'));
    const file = join(dir, 'nested.json');
    const created = { description: 'created', headers: { Location: { schema: { type: 'string' } } } };
    const withId = { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' } } } } } };
    const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
    await writeFile(
      file,
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'nested', version: '1' },
        paths: {
          '/users': { post: { responses: { 201: created } } },
          '/users/{userId}/posts': { post: { parameters: [path('userId')], responses: { 201: withId } } },
          '/users/{userId}/posts/{postId}': { get: { parameters: [path('userId'), path('postId')], responses: { 200: { description: 'ok' } } } },
        },
      }),
    );
    const { createOpenApiGenerator } = await import('../../../../generators/openapi/index.js');
    const generator = createOpenApiGenerator({ source: { file } });
    await generator.prepare!({ host: '127.0.0.1', port: 9 }, { timeoutMs: 5000 });
    const unit = generator.generate('openapi:GET /users/{userId}/posts/{postId}', 0);
    expect(unit.steps.map((s) => `${s.method} ${s.pathTemplate}`)).toEqual([
      'POST /users',
      'POST /users/{userId}/posts',
      'GET /users/{userId}/posts/{postId}',
    ]);
    expect(unit.steps[1]?.parameters[0]?.$ref).toEqual({ step: 0, location: true });
    const refs = Object.fromEntries(unit.steps[2]!.parameters.map((p) => [p.name, p.$ref]));
    expect(refs).toEqual({ userId: { step: 0, location: true }, postId: { step: 1, pointer: '/id' } });
    const short = createOpenApiGenerator({ source: { file }, maxSteps: 2 });
    await short.prepare!({ host: '127.0.0.1', port: 9 }, { timeoutMs: 5000 });
    for (let seed = 0; seed < 30; seed++)
      expect(short.generate('openapi:GET /users/{userId}/posts/{postId}', seed).steps.length).toBeLessThanOrEqual(2);
  });

  it('mutate deterministically, keeping the family, the main step last and references pointing back', () => {
    let changed = 0;
    for (const name of FIXTURE_NAMES) {
      const { generator } = loaded.get(name)!;
      for (const family of generator.families) {
        const parent = generator.generate(family, 21);
        const donor = generator.generate(generator.families[0]!, 22);
        for (let seed = 0; seed < 25; seed++) {
          const child = generator.mutate(parent, seed, donor);
          expect(generator.mutate(parent, seed, donor)).toEqual(child);
          expect(generator.family(child)).toBe(family);
          expect(child.steps.length).toBeGreaterThan(0);
          expect(child.steps.length).toBeLessThanOrEqual(4);
          const main = child.steps.at(-1)!;
          expect(`openapi:${main.method} ${main.pathTemplate}`).toBe(family);
          child.steps.forEach((s, i) => s.parameters.forEach((p) => p.$ref && expect(p.$ref.step).toBeLessThan(i)));
          expect(JSON.parse(JSON.stringify(child))).toEqual(child);
          if (JSON.stringify(child) !== JSON.stringify(parent)) changed++;
        }
      }
    }
    expect(changed).toBeGreaterThan(300);
  });

  it('describe units in one short line', () => {
    const { generator } = loaded.get('items-3.0.yaml')!;
    expect(generator.describe(generator.generate('openapi:GET /health', 0))).toBe('GET /health');
    const invalid = invalidOnly.get('items-3.0.yaml')!.generate('openapi:POST /items', 3);
    expect(generator.describe(invalid)).toMatch(/^POST \/items \([a-z-]+\)$/);
  });
});
