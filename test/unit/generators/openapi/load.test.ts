import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../../src/shared/errors.js';
import { createOpenApiGenerator, loadOpenApiDocument } from '../../../../generators/openapi/index.js';
import { fixture, preparedGenerator } from './helpers.js';

async function loadError(file: string): Promise<InputFileError> {
  const err = await loadOpenApiDocument({ file }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputFileError);
  const error = err as InputFileError;
  expect(error.exitCode).toBe(65);
  expect(error.message).not.toContain('\n');
  return error;
}

describe('loadOpenApiDocument', () => {
  it('reads OpenAPI 3.0 YAML: families, base path from servers[0], dereferenced schemas', async () => {
    const model = await loadOpenApiDocument({ file: fixture('items-3.0.yaml') });
    expect(model.dialect).toBe('3.0');
    expect(model.basePath).toBe('/v1');
    expect(model.operations.map((o) => o.family)).toEqual([
      'openapi:DELETE /items/{id}',
      'openapi:GET /health',
      'openapi:GET /items',
      'openapi:GET /items/{id}',
      'openapi:POST /items',
      'openapi:PUT /items/{id}',
    ]);
    const post = model.operations.find((o) => o.family === 'openapi:POST /items')!;
    expect(post.body?.required).toBe(true);
    expect(post.body?.media[0]).toMatchObject({
      contentType: 'application/json',
      kind: 'json',
      examples: [{ name: 'lamp', price: 12.5, tags: ['home'] }],
    });
    expect(post.returns).toEqual({ properties: expect.arrayContaining(['id', 'name']), itemProperties: [], location: true });
    const get = model.operations.find((o) => o.family === 'openapi:GET /items/{id}')!;
    // Path-level and operation-level parameters together.
    expect(get.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'header:X-Trace']);
  });

  it('reads Swagger 2.0 YAML: basePath, body and formData parameters, collectionFormat, x-example', async () => {
    const model = await loadOpenApiDocument({ file: fixture('pets-2.0.yaml') });
    expect(model.dialect).toBe('2.0');
    expect(model.basePath).toBe('/api');
    expect(model.operations.map((o) => o.family)).toEqual([
      'openapi:DELETE /pets/{petId}',
      'openapi:GET /pets',
      'openapi:GET /pets/{petId}',
      'openapi:POST /pets',
      'openapi:POST /pets/{petId}/photo',
    ]);
    const list = model.operations.find((o) => o.family === 'openapi:GET /pets')!;
    expect(list.parameters.find((p) => p.name === 'tags')).toMatchObject({ in: 'query', style: 'form', explode: true });
    const photo = model.operations.find((o) => o.family === 'openapi:POST /pets/{petId}/photo')!;
    expect(photo.body?.media.map((m) => m.kind)).toEqual(['multipart']);
    expect(photo.body?.media[0]?.schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
    const get = model.operations.find((o) => o.family === 'openapi:GET /pets/{petId}')!;
    expect(get.parameters.find((p) => p.name === 'X-Trace')?.examples).toEqual(['abc']);
  });

  it('reads OpenAPI 3.1 JSON: server variables, form and multipart bodies, cookie parameters', async () => {
    const model = await loadOpenApiDocument({ file: fixture('catalog-3.1.json') });
    expect(model.dialect).toBe('3.1');
    expect(model.basePath).toBe('/api/v2');
    expect(model.operations.map((o) => o.family)).toEqual([
      'openapi:GET /products/{sku}',
      'openapi:GET /search',
      'openapi:POST /products',
      'openapi:POST /uploads',
      'openapi:PUT /settings',
    ]);
    const search = model.operations.find((o) => o.family === 'openapi:GET /search')!;
    expect(search.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:q',
      'query:tags',
      'query:page',
      'header:X-Request-Id',
      'cookie:session',
    ]);
    expect(search.parameters[0]?.examples).toEqual(['chair']);
    expect(model.operations.find((o) => o.family === 'openapi:PUT /settings')?.body?.media[0]?.kind).toBe('form');
  });

  it('rejects an invalid description with one line naming the file and the first problem', async () => {
    const file = fixture('invalid.yaml');
    const error = await loadError(file);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a valid OpenAPI description: .*version`));
  });

  it('rejects a missing file, a YAML syntax error and a document that is not OpenAPI', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-openapi-'));
    expect((await loadError(join(dir, 'none.yaml'))).message).toBe(`${join(dir, 'none.yaml')}: cannot be read (ENOENT)`);
    await writeFile(join(dir, 'broken.yaml'), 'openapi: 3.0.0\ninfo: [unclosed\n');
    expect((await loadError(join(dir, 'broken.yaml'))).message).toMatch(/broken\.yaml: neither JSON nor YAML/);
    await writeFile(join(dir, 'other.json'), '{"name": "not an api"}');
    expect((await loadError(join(dir, 'other.json'))).message).toMatch(/other\.json: not an OpenAPI description/);
    await writeFile(
      join(dir, 'dangling.json'),
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths: {
          '/a': {
            get: { responses: { 200: { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } } } },
          },
        },
      }),
    );
    expect((await loadError(join(dir, 'dangling.json'))).message).toMatch(/dangling\.json: not a valid OpenAPI description: .*Nope/);
  });

  it('has no families before prepare, and the same after a second prepare', async () => {
    const generator = createOpenApiGenerator({ source: { file: fixture('items-3.0.yaml') } });
    expect(generator.families).toEqual([]);
    expect(() => generator.generate('openapi:GET /health', 1)).toThrow(/prepare/);
    await generator.prepare!({ host: '127.0.0.1', port: 9 }, { timeoutMs: 5000 });
    const families = [...generator.families];
    const unit = generator.generate('openapi:GET /items/{id}', 12345);
    await generator.prepare!({ host: '127.0.0.1', port: 9 }, { timeoutMs: 5000 });
    expect(generator.families).toEqual(families);
    expect(generator.generate('openapi:GET /items/{id}', 12345)).toEqual(unit);
  });

  it('validates its constraints with messages naming the option', async () => {
    expect(() => createOpenApiGenerator({ source: { path: 'openapi.json' } })).toThrow(/openapi\.source\.path/);
    expect(() => createOpenApiGenerator({ source: { file: '' } })).toThrow(/openapi\.source\.file/);
    expect(() => createOpenApiGenerator({ source: { file: '/x' }, maxSteps: 0 })).toThrow(/openapi\.maxSteps/);
    expect(() => createOpenApiGenerator({ source: { file: '/x' }, invalidShare: 2 })).toThrow(/openapi\.invalidShare/);
    expect((await preparedGenerator('pets-2.0.yaml')).name).toBe('openapi');
  });
});
