import fc from 'fast-check';

const QUERY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._~%+'.split('');

function queryWordArbitrary(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...QUERY_CHARS), maxLength, size: 'max' });
}

/** A query string, leading '?' included: empty, key=value pairs, repeated keys, bare keys. */
export function queryStringArbitrary(): fc.Arbitrary<string> {
  const pair = fc
    .tuple(queryWordArbitrary(12), fc.option(queryWordArbitrary(40), { nil: null }))
    .map(([key, value]) => (value === null ? key : `${key}=${value}`));
  return fc.oneof(
    fc.constant('?'),
    fc.array(pair, { minLength: 1, maxLength: 8, size: 'max' }).map((pairs) => `?${pairs.join('&')}`),
    fc.constantFrom('?a=1&a=2', '?=', '?&&', '?v=%zz', '?q=%00', '?x=' + 'y'.repeat(512)),
  );
}
