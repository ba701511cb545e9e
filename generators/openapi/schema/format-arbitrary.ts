import fc from 'fast-check';
import type { BuildContext } from './context.js';

const DATES = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true });

// Plain local parts and domains: every validator accepts them. fc.emailAddress adds the RFC 5322
// corners (quoted characters, digits-only labels) now and then.
const plainEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
    fc.constantFrom('com', 'org', 'net', 'io', 'example'),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

const bytes = fc.uint8Array({ maxLength: 24, size: 'max' });

/**
 * Strings in a named format, or null for formats it does not know (the caller then uses
 * pattern/length). OpenAPI's own formats (byte, binary, password) are here too.
 */
export function formatArbitrary(format: string, ctx: BuildContext): fc.Arbitrary<string> | null {
  switch (format) {
    case 'date-time':
      return DATES.map((d) => d.toISOString());
    case 'date':
      return DATES.map((d) => d.toISOString().slice(0, 10));
    case 'time':
      return DATES.map((d) => d.toISOString().slice(11));
    case 'email':
    case 'idn-email':
      return fc.oneof({ weight: 4, arbitrary: plainEmail }, { weight: 1, arbitrary: fc.emailAddress({ size: 'xsmall' }) });
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
    case 'iri':
      return fc.webUrl({ size: 'xsmall' });
    case 'uri-reference':
    case 'iri-reference':
      return fc.oneof(
        fc.webUrl({ size: 'xsmall' }),
        fc.webPath({ size: 'xsmall' }).map((p) => p || '/'),
      );
    case 'hostname':
    case 'idn-hostname':
      return fc.domain({ size: 'xsmall' });
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    case 'byte':
      return bytes.map((b) => Buffer.from(b).toString('base64'));
    case 'binary':
      return fc.string({ unit: 'grapheme-ascii', maxLength: ctx.maxStringLength, size: 'max' });
    default:
      return null;
  }
}
