import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/shared/errors.js';
import { createTcpGenerator, resolveTcpConstraints, TCP_FAMILIES, type TcpConstraints } from '../../../../generators/tcp/index.js';

describe('resolveTcpConstraints', () => {
  it('fills every default', () => {
    expect(resolveTcpConstraints()).toEqual({
      messages: [],
      maxConnections: 8,
      maxBytes: 65536,
      holdMs: 3000,
      families: TCP_FAMILIES,
    });
    expect(TCP_FAMILIES).toEqual(['connect-close', 'hold', 'half-close', 'reset', 'random-bytes', 'recorded-bytes', 'slow', 'burst']);
  });

  it('keeps what the caller gave', () => {
    const resolved = resolveTcpConstraints({ messages: ['stats\r\n'], maxConnections: 2, families: ['hold'] });
    expect(resolved.messages).toEqual(['stats\r\n']);
    expect(resolved.maxConnections).toBe(2);
    expect(resolved.families).toEqual(['hold']);
  });

  const invalid: [TcpConstraints, RegExp][] = [
    [{ messages: 'stats' as unknown as string[] }, /^tcp\.messages must be a list of strings$/],
    [{ messages: ['ok', ''] }, /^tcp\.messages entry 1 must be a non-empty string$/],
    [{ messages: [42 as unknown as string] }, /^tcp\.messages entry 0 must be a non-empty string$/],
    [{ messages: ['é'.repeat(6)], maxBytes: 10 }, /^tcp\.messages entry 0 is 12 bytes, more than tcp\.maxBytes \(10\)$/],
    [{ maxBytes: 0 }, /^tcp\.maxBytes must be an integer from 1 to 16777216$/],
    [{ maxBytes: 1.5 }, /^tcp\.maxBytes must be an integer from 1 to 16777216$/],
    [{ maxConnections: 0 }, /^tcp\.maxConnections must be an integer from 1 to 256$/],
    [{ maxConnections: 1000 }, /^tcp\.maxConnections must be an integer from 1 to 256$/],
    [{ holdMs: -5 }, /^tcp\.holdMs must be a positive integer$/],
    [{ holdMs: Number.NaN }, /^tcp\.holdMs must be a positive integer$/],
    [{ families: [] }, /^tcp\.families must name at least one family$/],
    [{ families: ['gopher' as 'hold'] }, /^tcp\.families entry 'gopher' is unknown \(known: connect-close, /],
  ];

  it.each(invalid)('refuses %j with a message naming the option', (constraints, message) => {
    expect(() => resolveTcpConstraints(constraints)).toThrow(UsageError);
    expect(() => resolveTcpConstraints(constraints)).toThrow(message);
    expect(() => createTcpGenerator(constraints)).toThrow(message);
  });
});
