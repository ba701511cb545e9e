import fc from 'fast-check';

/** The methods of RFC 9110 a static server is asked about every day (CONNECT excluded: it tunnels). */
export const STANDARD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'] as const;

/** Tokens a default nginx does not implement; the WebDAV ones come alive with `dav_methods`. */
export const UNKNOWN_METHODS = ['PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'PURGE', 'BREW'] as const;

/** Methods that can carry a request body in the generated units. */
export const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'MKCOL'] as const;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** A made-up method token (uppercase letters), never one that changes the connection semantics. */
export function inventedMethodArbitrary(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...UPPER), minLength: 1, maxLength: 12, size: 'max' }).filter((token) => token !== 'CONNECT');
}

/** Any method: mostly standard ones, sometimes unknown or invented tokens. */
export function methodArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...STANDARD_METHODS) },
    { weight: 2, arbitrary: fc.constantFrom(...UNKNOWN_METHODS) },
    { weight: 1, arbitrary: inventedMethodArbitrary() },
  );
}

/** Methods that read: GET most of the time, HEAD otherwise. */
export function readMethodArbitrary(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constant('HEAD') });
}

/** A method that sends a body. */
export function bodyMethodArbitrary(): fc.Arbitrary<string> {
  return fc.constantFrom(...BODY_METHODS);
}
