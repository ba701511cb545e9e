import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARGUMENT_PROBES } from '../../../src/engine/tracer/argument-probes.js';
import { ARG_RULE_KINDS, type ArgumentEvidence } from '../../../src/profile/args/index.js';
import { ARG_SLOTS } from '../../../src/profile/args/slots.js';

const U64 = (1n << 64n) - 1n;

/** The bits of each argument the tracer records (the probe's mask), or all of them. */
function recordedMask(syscall: string, index: number): bigint {
  const probe = ARGUMENT_PROBES.find((p) => p.syscall === syscall)!;
  const slot = ARG_SLOTS[syscall]!.indexOf(index);
  return probe.values[slot]?.mask ?? U64;
}

const value = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 0xffffffff }));
const evidence = (syscall: string): fc.Arbitrary<ArgumentEvidence[]> =>
  fc.array(
    fc.record({
      syscall: fc.constant(syscall),
      values: fc.array(value, { minLength: ARG_SLOTS[syscall]!.length, maxLength: ARG_SLOTS[syscall]!.length }),
      units: fc.array(fc.nat(20), { maxLength: 3 }),
      startup: fc.boolean(),
      shutdown: fc.constant(false),
    }),
    { maxLength: 6 },
  );

describe('mined argument rules compare only what the tracer records', () => {
  // A rule testing a bit the tracer never saw would refuse calls that mining saw allowed.
  for (const kind of ARG_RULE_KINDS) {
    it(`${kind.syscall}: every condition of a mined rule tests recorded bits only`, () => {
      fc.assert(
        fc.property(evidence(kind.syscall), (es) => {
          const outcome = kind.build(es, 'mined');
          if (outcome.basis !== 'mined') return;
          for (const rule of outcome.rules) {
            for (const cond of rule.args ?? []) {
              const recorded = recordedMask(kind.syscall, cond.index);
              if (cond.op === 'SCMP_CMP_MASKED_EQ') {
                expect(BigInt(cond.value) & ~recorded & U64, `${kind.syscall} arg ${cond.index} mask`).toBe(0n);
              } else {
                // A whole-value comparison of an int argument the tracer cuts to 32 bits: fine when
                // the value fits, since the caller's extension to 64 bits adds nothing to compare.
                expect(
                  recorded === U64 || (recorded === 0xffffffffn && BigInt(cond.value) <= 0xffffffffn),
                  `${kind.syscall} arg ${cond.index} ${cond.op} ${cond.value}`,
                ).toBe(true);
              }
            }
          }
        }),
      );
    });
  }
});
