import { describe, expect, it } from 'vitest';
import { argumentEvidence, miningEpochs } from '../../../src/profile/args/trace-evidence.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import type { ArgumentEvidence } from '../../../src/profile/args/index.js';
import { buildProfileWithRules, type Observation } from '../../../src/profile/build.js';
import { profileWarnings } from '../../../src/profile/warnings.js';

const x = (...names: string[]): Observation[] => names.map((name) => ({ abi: 'x86_64', name }));
const ev = (syscall: string, values: number[], units: number[] = [3]): ArgumentEvidence => ({
  syscall,
  values,
  units,
  startup: false,
  shutdown: false,
});

describe('argument evidence from a trace', () => {
  it('credits each epoch to its unit, epoch 0 and unknown epochs to start-up, the stop epochs to shutdown', () => {
    const records = [
      { index: 1, epoch: 1 },
      { index: 2, epoch: 2 },
      { index: 3, epoch: 4 },
    ] as unknown as UnitRecord[];
    const [e] = argumentEvidence([{ syscall: 'socket', values: [2n, 1n, 0n], epochs: [0, 2, 3, 4, 9] }], miningEpochs(records, 9));
    expect(e).toEqual({ syscall: 'socket', values: [2, 1, 0], units: [2, 3], startup: true, shutdown: true });
  });
});

describe('profile warnings', () => {
  const warn = (observed: Observation[], evidence: ArgumentEvidence[]) => {
    const { profile, argumentRules } = buildProfileWithRules({ observed, arguments: evidence, provenance: { version: 't' } });
    return profileWarnings(profile, argumentRules, (name) => (name === 'ptrace' ? 'unit 9 (debugger)' : undefined));
  };

  it('names dangerous syscalls the profile allows, with the unit that needed them', () => {
    const w = warn(x('read', 'ptrace', 'bpf'), []);
    expect(w.map((v) => v.allows)).toEqual(['ptrace', 'bpf']);
    expect(w[0]!.neededBy).toBe('unit 9 (debugger)');
  });

  it('warns about raw packet sockets, namespace clone flags and writable executable memory, but not about what rules confine', () => {
    const w = warn(x('read', 'socket', 'clone', 'mmap', 'personality'), [
      ev('socket', [17, 3, 0x0300], [41]),
      ev('socket', [2, 1, 0]),
      ev('clone', [0x10000000]),
      ev('mmap', [7]),
      ev('personality', [0]),
    ]);
    expect(w.map((v) => v.allows)).toEqual(['socket(AF_PACKET, SOCK_RAW)', 'clone with namespace flags', 'writable and executable memory']);
    expect(w[0]!.neededBy).toBe('unit 41');
    expect(warn(x('read', 'socket', 'mmap'), [ev('socket', [2, 1, 0]), ev('mmap', [5])])).toEqual([]);
  });
});
