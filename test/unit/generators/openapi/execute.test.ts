import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../../src/shared/errors.js';
import { createOpenApiGenerator, loadOpenApiDocument, type OpenApiUnit } from '../../../../generators/openapi/index.js';
import type { GuidedGenerator } from '../../../../generators/types.js';
import { preparedGenerator } from './helpers.js';
import { closedPort, startItemsServer, startSilentServer, type ItemsServer } from './items-server.js';

const OPTIONS = { timeoutMs: 5000 };

let server: ItemsServer;
let generator: GuidedGenerator<OpenApiUnit>;
// Replays units from JSON alone: never prepared.
const replayer = createOpenApiGenerator({ source: { path: '/openapi.json' } });

function replayed(unit: OpenApiUnit): OpenApiUnit {
  return JSON.parse(JSON.stringify(unit)) as OpenApiUnit;
}

beforeAll(async () => {
  server = await startItemsServer();
  generator = await preparedGenerator('items-3.0.yaml');
});
afterAll(() => server.close());

describe('executing OpenAPI units', () => {
  it('chains POST then GET by the returned id: 2xx twice, on the base path', async () => {
    const unit = generator.generate('openapi:GET /items/{id}', 0);
    const result = await replayer.execute(replayed(unit), server.endpoint, OPTIONS);
    expect(result.answers).toEqual(['2xx POST /items', '2xx GET /items/{id}']);
    const [post, get] = server.requests.slice(-2);
    expect(post).toBe('POST /v1/items');
    expect(get).toMatch(/^GET \/v1\/items\/itm-\d+$/);
    // Same answers on a second run, though the id differs.
    expect((await replayer.execute(replayed(unit), server.endpoint, OPTIONS)).answers).toEqual(result.answers);
  });

  it('resolves a Location reference, and falls back to the generated value when the producer failed', async () => {
    const unit = generator.generate('openapi:DELETE /items/{id}', 0);
    const [producer, main] = unit.steps as [OpenApiUnit['steps'][number], OpenApiUnit['steps'][number]];
    const byLocation: OpenApiUnit = {
      ...unit,
      steps: [producer, { ...main, parameters: main.parameters.map((p) => ({ ...p, $ref: { step: 0, location: true as const } })) }],
    };
    expect((await replayer.execute(byLocation, server.endpoint, OPTIONS)).answers).toEqual(['2xx POST /items', '2xx DELETE /items/{id}']);
    const failing: OpenApiUnit = { ...unit, steps: [{ ...producer, body: { kind: 'json', contentType: 'application/json', value: {} } }, main] };
    expect((await replayer.execute(failing, server.endpoint, OPTIONS)).answers).toEqual(['4xx POST /items', '4xx DELETE /items/{id}']);
    expect(server.requests.at(-1)).toBe(`DELETE /v1/items/${String(main.parameters[0]!.value)}`);
  });

  it('answers 2xx for valid units and 4xx for invalid bodies, parameters and content types', async () => {
    const invalid = await preparedGenerator('items-3.0.yaml', { invalidShare: 1, exampleUnits: 0 });
    const classes = new Map<string, Set<string>>();
    for (let seed = 100; seed < 160; seed++) {
      for (const family of ['openapi:POST /items', 'openapi:PUT /items/{id}', 'openapi:GET /items']) {
        for (const g of [generator, invalid]) {
          const unit = g.generate(family, seed);
          const main = unit.steps.at(-1)!;
          const { answers } = await replayer.execute(replayed(unit), server.endpoint, OPTIONS);
          const state = answers.at(-1)!.split(' ')[0]!;
          // Valid units with a chained id, and every valid POST or GET, succeed; flawed ones fail.
          const chained = unit.steps.length > 1 || family !== 'openapi:PUT /items/{id}';
          if (main.intent === 'valid' && chained) expect(answers, JSON.stringify(unit)).toEqual(answers.map((a) => a.replace(/^\S+/, '2xx')));
          if (main.intent !== 'valid' && main.intent !== 'example') expect(state, JSON.stringify(unit)).toBe('4xx');
          const kinds = classes.get(main.intent) ?? new Set();
          classes.set(main.intent, kinds.add(state));
        }
      }
    }
    for (const kind of ['missing-required-field', 'wrong-type', 'malformed-json', 'wrong-content-type', 'missing-body', 'bad-parameter']) {
      expect(classes.get(kind), kind).toEqual(new Set(['4xx']));
    }
  });

  it('answers closed on a port nothing listens on, without throwing', async () => {
    const unit = generator.generate('openapi:GET /items/{id}', 0);
    const result = await replayer.execute(replayed(unit), await closedPort(), OPTIONS);
    expect(result.answers).toEqual(['closed POST /items', 'closed GET /items/{id}']);
  });

  it('answers timeout within the budget when the server never answers', async () => {
    const silent = await startSilentServer();
    try {
      const unit = generator.generate('openapi:GET /items/{id}', 0);
      const started = Date.now();
      const result = await replayer.execute(replayed(unit), silent.endpoint, { timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(600);
      expect(result.answers).toEqual(['timeout POST /items', 'timeout GET /items/{id}']);
    } finally {
      await silent.close();
    }
  });

  it('fetches the description from the server by path, with the same families as the file', async () => {
    const fetched = createOpenApiGenerator({ source: { path: '/openapi.json' } });
    await fetched.prepare!(server.endpoint, OPTIONS);
    expect(fetched.families).toEqual(generator.families);
    expect(fetched.generate('openapi:GET /items/{id}', 0)).toEqual(generator.generate('openapi:GET /items/{id}', 0));
    expect((await loadOpenApiDocument({ path: '/openapi.json' }, server.endpoint)).basePath).toBe('/v1');
  });

  it('fails prepare with one line when the path answers 404, or nothing listens', async () => {
    const missing = createOpenApiGenerator({ source: { path: '/missing.json' } });
    const err = await missing.prepare!(server.endpoint, OPTIONS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as Error).message).toBe('GET /missing.json answered 404');
    const refused = await loadOpenApiDocument({ path: '/openapi.json' }, await closedPort(), 1000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputFileError);
    expect((refused as Error).message).toBe('GET /openapi.json connection refused');
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const late = await loadOpenApiDocument({ path: '/openapi.json' }, silent.endpoint, 200).catch((e: unknown) => e);
      expect((late as Error).message).toBe('GET /openapi.json no answer within 200 ms');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await silent.close();
    }
  });
});
