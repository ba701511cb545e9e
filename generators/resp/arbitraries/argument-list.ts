import fc from 'fast-check';
import type { ArgSpec } from '../grammar/grammar.js';
import type { ArgContext } from './arg-context.js';
import { argValueArbitrary } from './arg-value.js';

// Optional arguments appear a bit less than half the time: all of them at once is rarely valid.
const OPTIONAL_WEIGHT = { absent: 3, present: 2 };
const MAX_REPEAT = 3;

/** The words of one occurrence of `spec` (token included), without optional/multiple handling. */
function occurrence(spec: ArgSpec, ctx: ArgContext, withToken: boolean): fc.Arbitrary<string[]> {
  const token = withToken && spec.token !== undefined && spec.type !== 'pure-token' ? [spec.token] : [];
  let body: fc.Arbitrary<string[]>;
  if (spec.type === 'oneof') {
    const alternatives = (spec.args ?? []).map((alt) => argumentWords(alt, ctx, 1, true));
    body = alternatives.length > 0 ? fc.oneof(...alternatives) : fc.constant<string[]>([]);
  } else if (spec.type === 'block') {
    body = argumentListArbitrary(spec.args ?? [], ctx);
  } else {
    body = argValueArbitrary(spec, ctx).map((v) => [v]);
  }
  return body.map((words) => [...token, ...words]);
}

/** Words for `spec` repeated `count` times if it is multiple; optional handling is the caller's. */
function argumentWords(spec: ArgSpec, ctx: ArgContext, count: number, required = false): fc.Arbitrary<string[]> {
  const times = spec.multiple ? count : 1;
  const present = (): fc.Arbitrary<string[]> => {
    if (spec.multipleToken || times === 1) {
      return fc.tuple(...Array.from({ length: times }, () => occurrence(spec, ctx, true))).map((parts) => parts.flat());
    }
    // One token, then the repeated values (STREAMS k1 k2 id1 id2 is a block, this is e.g. WEIGHTS w1 w2).
    const token = spec.token !== undefined ? [spec.token] : [];
    return fc.tuple(...Array.from({ length: times }, () => occurrence(spec, ctx, false))).map((parts) => [...token, ...parts.flat()]);
  };
  if (!spec.optional || required) return present();
  return fc.oneof(
    { weight: OPTIONAL_WEIGHT.absent, arbitrary: fc.constant<string[]>([]) },
    { weight: OPTIONAL_WEIGHT.present, arbitrary: present() },
  );
}

/**
 * The words for an argument list. Sibling `multiple` arguments share one repeat count (XREAD
 * STREAMS takes as many ids as keys, ZUNION as many WEIGHTS as keys), and `numkeys` is the number
 * of keys that follow it, off by one now and then.
 */
export function argumentListArbitrary(specs: readonly ArgSpec[], ctx: ArgContext): fc.Arbitrary<string[]> {
  if (specs.length === 0) return fc.constant([]);
  return fc.integer({ min: 1, max: MAX_REPEAT }).chain((count) => {
    const parts: fc.Arbitrary<string[]>[] = [];
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const next = specs[i + 1];
      if (spec.name === 'numkeys' && next?.type === 'key') {
        parts.push(numkeysAndKeys(next, ctx, count));
        i++;
      } else {
        parts.push(argumentWords(spec, ctx, count));
      }
    }
    return fc.tuple(...parts).map((chunks) => chunks.flat());
  });
}

function numkeysAndKeys(keySpec: ArgSpec, ctx: ArgContext, count: number): fc.Arbitrary<string[]> {
  const skew = fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) });
  return fc.tuple(argumentWords(keySpec, ctx, count), skew).map(([keys, off]) => [String(Math.max(0, keys.length + off)), ...keys]);
}
