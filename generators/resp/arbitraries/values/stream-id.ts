import fc from 'fast-check';

/**
 * Stream ids by role. Auto ids (`*`) come from the clock, far above the explicit ones here, so
 * whether an explicit id is accepted never depends on when the unit ran.
 */
export function streamIdArbitrary(command: string, name: string): fc.Arbitrary<string> {
  if (command === 'xadd') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant('*') },
      { weight: 2, arbitrary: fc.constantFrom('1-1', '5-0', '0-1', '1-*', '99999999999999-0', '0-0', 'x') },
    );
  }
  if (command === 'xread') return fc.constantFrom('$', '0', '0-0', '1-1', '99999999999999-0');
  if (command === 'xreadgroup') return fc.constantFrom('>', '>', '0', '1-1');
  if (command.startsWith('xgroup')) return fc.constantFrom('$', '0', '0-0', '5-0');
  if (name === 'start' || name === 'end') return fc.constantFrom('-', '+', '0', '1-1', '(1-1', '5', 'x');
  return fc.constantFrom('1-1', '5-0', '0-1', '2-3', '99999999999999-0');
}
