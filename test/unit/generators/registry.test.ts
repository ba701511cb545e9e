import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/shared/errors.js';
import { createGenerator, GENERATOR_NAMES, GENERATORS, isGeneratorName } from '../../../generators/index.js';

describe('the generator registry', () => {
  it('lists http under its own name', () => {
    expect(GENERATOR_NAMES).toContain('http');
    for (const name of GENERATOR_NAMES) expect(GENERATORS[name]().name).toBe(name);
  });

  it('hands out a fresh instance per call, so what one run prepares stays its own', () => {
    for (const name of GENERATOR_NAMES) expect(createGenerator(name)).not.toBe(createGenerator(name));
  });

  it('finds a generator by name', () => {
    expect(createGenerator('http').name).toBe('http');
    expect(isGeneratorName('http')).toBe(true);
    expect(isGeneratorName('toString')).toBe(false);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => createGenerator('gopher')).toThrow(UsageError);
    expect(() => createGenerator('gopher')).toThrow(`unknown generator 'gopher' (known: ${GENERATOR_NAMES.join(', ')})`);
  });

  it('refuses constraints for a generator that takes none', () => {
    expect(() => createGenerator('redis', { paths: ['/'] })).toThrow("generator 'redis' takes no constraints");
  });
});
