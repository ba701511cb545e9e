import { describe, expect, it } from 'vitest';
import { encodeBody } from '../../../../generators/openapi/_internals/encode-body.js';
import { renderStep } from '../../../../generators/openapi/_internals/render-step.js';
import { headerValue, pathValue, queryPairs } from '../../../../generators/openapi/_internals/serialize-parameters.js';
import type { OpenApiStep, StepParameter } from '../../../../generators/openapi/index.js';

const param = (p: Partial<StepParameter> & Pick<StepParameter, 'in' | 'name' | 'value'>): StepParameter => ({
  style: p.in === 'query' ? 'form' : 'simple',
  explode: p.in === 'query',
  ...p,
});

describe('rendering a step', () => {
  it('substitutes path parameters encoded, after the base path, and never as dot segments', () => {
    const step: OpenApiStep = {
      method: 'GET',
      pathTemplate: '/files/{dir}/{name}',
      parameters: [param({ in: 'path', name: 'dir', value: '..' }), param({ in: 'path', name: 'name', value: 'a b/c?' })],
      body: null,
      intent: 'valid',
    };
    expect(renderStep('/v1', step, []).path).toBe('/v1/files/%2E%2E/a%20b%2Fc%3F');
  });

  it('writes path styles: simple, label, matrix, exploded or not', () => {
    const p = { name: 'id', explode: false } as const;
    expect(pathValue({ ...p, style: 'simple' }, [1, 2])).toBe('1,2');
    expect(pathValue({ ...p, style: 'simple', explode: true }, { a: 1, b: 'x' })).toBe('a=1,b=x');
    expect(pathValue({ ...p, style: 'label' }, [1, 2])).toBe('.1,2');
    expect(pathValue({ ...p, style: 'matrix' }, 5)).toBe(';id=5');
    expect(pathValue({ ...p, style: 'matrix', explode: true }, [1, 2])).toBe(';id=1;id=2');
  });

  it('writes query styles: form (exploded or not), delimited, deepObject', () => {
    expect(queryPairs(param({ in: 'query', name: 't', value: ['a', 'b'] }), ['a', 'b'])).toEqual(['t=a', 't=b']);
    expect(queryPairs(param({ in: 'query', name: 't', value: null, explode: false }), ['a', 'b'])).toEqual(['t=a,b']);
    expect(queryPairs(param({ in: 'query', name: 't', value: null, style: 'pipeDelimited', explode: false }), ['a', 'b'])).toEqual(['t=a|b']);
    expect(queryPairs(param({ in: 'query', name: 't', value: null, style: 'spaceDelimited', explode: false }), ['a', 'b'])).toEqual(['t=a%20b']);
    expect(queryPairs(param({ in: 'query', name: 'f', value: null, style: 'deepObject', explode: true }), { x: 1 })).toEqual(['f%5Bx%5D=1']);
    expect(queryPairs(param({ in: 'query', name: 'q', value: null }), 'a&b=c')).toEqual(['q=a%26b%3Dc']);
  });

  it('keeps header values sendable, and joins cookies', () => {
    expect(headerValue('ok\r\nInjected: 1', false)).toBe('ok%0D%0AInjected: 1');
    expect(headerValue('漢', false)).toBe('%E6%BC%A2');
    const step: OpenApiStep = {
      method: 'GET',
      pathTemplate: '/search',
      parameters: [
        param({ in: 'query', name: 'q', value: 'x' }),
        param({ in: 'header', name: 'X-Id', value: 7 }),
        param({ in: 'header', name: 'bad name', value: 'dropped' }),
        param({ in: 'cookie', name: 'session', value: 'a;b', style: 'form', explode: true }),
        param({ in: 'cookie', name: 'theme', value: 'dark', style: 'form', explode: true }),
      ],
      body: null,
      intent: 'valid',
    };
    expect(renderStep('', step, [])).toEqual({
      method: 'GET',
      path: '/search?q=x',
      headers: { 'x-id': '7', cookie: 'session=a%3Bb; theme=dark' },
      body: null,
    });
  });

  it('resolves references against earlier answers, falling back to the value', () => {
    const step: OpenApiStep = {
      method: 'GET',
      pathTemplate: '/items/{id}',
      parameters: [param({ in: 'path', name: 'id', value: 'fallback', $ref: { step: 0, pointer: '/data/id' } })],
      body: null,
      intent: 'valid',
    };
    expect(renderStep('', step, [{ status: 201, json: { data: { id: 'a/1' } }, location: null }]).path).toBe('/items/a%2F1');
    expect(renderStep('', step, [{ status: 500, json: { data: { id: 'x' } }, location: null }]).path).toBe('/items/fallback');
    expect(renderStep('', step, [{ status: 200, json: { data: {} }, location: null }]).path).toBe('/items/fallback');
    const byLocation = { ...step, parameters: [param({ in: 'path', name: 'id', value: 'fallback', $ref: { step: 0, location: true } })] };
    expect(renderStep('', byLocation, [{ status: 201, json: undefined, location: 'http://h/v1/items/42/' }]).path).toBe('/items/42');
  });

  it('encodes JSON, urlencoded and multipart bodies with a fixed boundary', () => {
    expect(encodeBody({ kind: 'json', contentType: 'application/json', value: { a: [1] } }).bytes.toString()).toBe('{"a":[1]}');
    const form = encodeBody({
      kind: 'form',
      contentType: 'application/x-www-form-urlencoded',
      value: { theme: 'dark mode', tags: ['a', 'b'], n: 3 },
    });
    expect(form.bytes.toString()).toBe('theme=dark+mode&tags=a&tags=b&n=3');
    const multipart = encodeBody({ kind: 'multipart', contentType: 'multipart/form-data', value: { file: 'abc', caption: 'hi' }, files: ['file'] });
    const boundary = /boundary=(.+)$/.exec(multipart.contentType)![1]!;
    expect(multipart.bytes.toString()).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="file.bin"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nhi\r\n--${boundary}--\r\n`,
    );
    expect(encodeBody({ kind: 'multipart', contentType: 'multipart/form-data', value: { file: 'abc' }, files: [] }).contentType).toBe(
      multipart.contentType,
    );
  });
});
