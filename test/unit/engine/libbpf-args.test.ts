import { describe, expect, it } from 'vitest';
import { ARGUMENT_PROBES, argumentProbeBlock } from '../../../src/engine/tracer/argument-probes.js';
import { argumentFlags } from '../../../src/engine/tracer/libbpf.js';

/** Parses one --arg the way sandfuzz-trace.c does: NR:CODE:IDX/MASK[,IDX/MASK...]. */
function parseFlag(flag: string): { nr: number; code: number; values: Array<{ index: number; mask: bigint }> } {
  const [nr, code, values] = flag.split(':');
  return {
    nr: Number(nr),
    code: Number(code),
    values: values!.split(',').map((v) => {
      const [index, mask] = v.split('/');
      return { index: Number(index), mask: BigInt(mask!) };
    }),
  };
}

describe('the two tracers record the same arguments, from one table', () => {
  const flags = argumentFlags().filter((_, i) => i % 2 === 1);

  it('passes every probe to the libbpf loader by native number, with its register indexes and masks', () => {
    expect(
      argumentFlags()
        .filter((_, i) => i % 2 === 0)
        .every((f) => f === '--arg'),
    ).toBe(true);
    expect(flags).toContain('41:1:0/0xffffffff,1/0xf,2/0xffffffff'); // socket(family, type & 0xf, protocol)
    expect(flags).toContain('56:3:0/0xffffffffffffffff'); // clone's flags, all 64 bits
    expect(flags).toContain('10:10:2/0x7'); // mprotect's prot
    const parsed = flags.map(parseFlag);
    expect(parsed.map((p) => p.code)).toEqual(ARGUMENT_PROBES.map((p) => p.code));
    // The loader's table holds native numbers below 512, at most three values, registers 0 to 5.
    for (const p of parsed) {
      expect(p.nr).toBeLessThan(512);
      expect(p.values.length).toBeLessThanOrEqual(3);
      for (const v of p.values) expect(v.index).toBeLessThanOrEqual(5);
    }
  });

  it('gives bpftrace the same masks on the tracepoint fields', () => {
    for (const probe of ARGUMENT_PROBES) {
      const block = argumentProbeBlock(probe);
      for (const v of probe.values) {
        const expr = v.mask === 0xffffffffffffffffn ? `args->${v.field};` : `(args->${v.field} & 0x${v.mask.toString(16)})`;
        expect(block, probe.syscall).toContain(expr);
      }
    }
  });
});
