import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/shared/errors.js';
import {
  createHttpGenerator,
  DEFAULT_HTTP_PATHS,
  HTTP_FAMILIES,
  resolveHttpConstraints,
  type HttpConstraints,
} from '../../../../generators/http/index.js';

describe('resolveHttpConstraints', () => {
  it('fills every default', () => {
    // Nothing described: crawl from the root.
    expect(resolveHttpConstraints()).toEqual({
      paths: ['/'],
      maxBodyBytes: 2 * 1024 * 1024,
      maxPathBytes: 10 * 1024,
      maxRequestsPerUnit: 8,
      maxConnections: 3,
      families: HTTP_FAMILIES,
      crawl: true,
      maxCrawlPages: 40,
      maxPaths: 200,
      forms: [],
    });
    expect(DEFAULT_HTTP_PATHS).toEqual(['/', '/index.nginx-debian.html', '/big.bin', '/medium.bin', '/dir/']);
    expect(resolveHttpConstraints({ crawl: false }).paths).toEqual(DEFAULT_HTTP_PATHS);
  });

  it('crawls only when the target gave no paths, unless told', () => {
    expect(resolveHttpConstraints({ paths: ['/x'] }).crawl).toBe(false);
    expect(resolveHttpConstraints({ paths: ['/x'], crawl: true }).crawl).toBe(true);
    expect(resolveHttpConstraints({ crawl: false }).crawl).toBe(false);
    expect(createHttpGenerator({ paths: ['/x'] }).prepare).toBeUndefined();
    expect(createHttpGenerator().prepare).toBeTypeOf('function');
  });

  it('keeps what the caller gave', () => {
    const resolved = resolveHttpConstraints({ paths: ['/x'], maxBodyBytes: 10, families: ['range'] });
    expect(resolved.paths).toEqual(['/x']);
    expect(resolved.maxBodyBytes).toBe(10);
    expect(resolved.families).toEqual(['range']);
  });

  const invalid: [HttpConstraints, RegExp][] = [
    [{ paths: [] }, /^http\.paths must list at least one existing path$/],
    [{ paths: ['relative'] }, /^http\.paths entry "relative" must start with '\/'/],
    [{ paths: ['/with space'] }, /^http\.paths entry "\/with space"/],
    [{ maxBodyBytes: 0 }, /^http\.maxBodyBytes must be a positive integer$/],
    [{ maxBodyBytes: 1.5 }, /^http\.maxBodyBytes must be a positive integer$/],
    [{ maxPathBytes: 10 }, /^http\.maxPathBytes must be an integer of at least 64$/],
    [{ paths: [`/${'a'.repeat(100)}`], maxPathBytes: 64 }, /^http\.maxPathBytes \(64\) must be at least the longest http\.paths entry \(101\)$/],
    [{ maxRequestsPerUnit: 0 }, /^http\.maxRequestsPerUnit must be a positive integer$/],
    [{ maxConnections: -1 }, /^http\.maxConnections must be a positive integer$/],
    [{ families: [] }, /^http\.families must name at least one family$/],
    [{ families: ['gopher' as 'get'] }, /^http\.families entry 'gopher' is unknown \(known: get, /],
    [{ crawl: 'yes' as unknown as boolean }, /^http\.crawl must be true or false$/],
    [{ maxCrawlPages: 0 }, /^http\.maxCrawlPages must be a positive integer$/],
    [{ maxPaths: 2.5 }, /^http\.maxPaths must be a positive integer$/],
    [{ paths: ['/a', '/b'], maxPaths: 1 }, /^http\.maxPaths \(1\) must be at least the number of http\.paths entries \(2\)$/],
  ];

  it.each(invalid)('refuses %j with a message naming the option', (constraints, message) => {
    expect(() => resolveHttpConstraints(constraints)).toThrow(UsageError);
    expect(() => resolveHttpConstraints(constraints)).toThrow(message);
    expect(() => createHttpGenerator(constraints)).toThrow(message);
  });
});
