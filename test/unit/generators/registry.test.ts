import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/shared/errors.js';
import { GENERATOR_NAMES, GENERATORS, getGenerator, isGeneratorName } from '../../../generators/index.js';
import { httpGenerator } from '../../../generators/http/index.js';

describe('the generator registry', () => {
  it('lists http under its own name', () => {
    expect(GENERATOR_NAMES).toContain('http');
    expect(GENERATORS.http).toBe(httpGenerator);
    for (const name of GENERATOR_NAMES) expect(GENERATORS[name].name).toBe(name);
  });

  it('finds a generator by name', () => {
    expect(getGenerator('http')).toBe(httpGenerator);
    expect(isGeneratorName('http')).toBe(true);
    expect(isGeneratorName('toString')).toBe(false);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => getGenerator('gopher')).toThrow(UsageError);
    expect(() => getGenerator('gopher')).toThrow(`unknown generator 'gopher' (known: ${GENERATOR_NAMES.join(', ')})`);
  });
});
