import type { ExecuteOptions, GuidedGenerator, UnitResult } from '../../generators/types.js';
import type { Endpoint } from '../../src/shared/endpoint.js';
import type { FakeClock } from './fake-clock.js';
import type { FakeRuntime } from './fake-runtime.js';
import { Script } from './script.js';

/** A unit of the fake protocol: the one syscall (x86_64 number) the server makes to answer it. */
export interface FakeUnit {
  readonly nr: number;
  readonly family: string;
}

/** stat fstat lseek munmap rt_sigaction rt_sigprocmask pread64 writev access pipe. */
export const UNIT_SYSCALLS: readonly number[] = [4, 5, 8, 11, 13, 14, 17, 20, 21, 22];
const FAMILIES = ['fake:a', 'fake:b'];
/** How long a unit takes, on the fake clock. */
const UNIT_MS = 20;

/**
 * A protocol generator whose server is the FakeRuntime: executing a unit makes the container at
 * the endpoint use the unit's syscall (FakeRuntime.onSyscalls). A unit sent where no container
 * runs answers 'closed'. `script` sees every execute (name 'execute', args: unit, endpoint).
 */
export class FakeGenerator implements GuidedGenerator<FakeUnit> {
  readonly name = 'fake';
  readonly families = FAMILIES;
  readonly script = new Script();

  constructor(
    private readonly runtime: FakeRuntime,
    private readonly clock: FakeClock,
  ) {}

  *units(seed: number): Iterator<FakeUnit> {
    for (let i = seed; ; i++) yield this.generate(FAMILIES[i % FAMILIES.length]!, i);
  }

  generate(family: string, seed: number): FakeUnit {
    return { nr: UNIT_SYSCALLS[Math.abs(seed) % UNIT_SYSCALLS.length]!, family };
  }

  mutate(parent: FakeUnit, seed: number): FakeUnit {
    return { nr: UNIT_SYSCALLS[Math.abs(seed * 7 + parent.nr) % UNIT_SYSCALLS.length]!, family: parent.family };
  }

  execute(unit: FakeUnit, endpoint: Endpoint, _options: ExecuteOptions): Promise<UnitResult> {
    return this.script.run('execute', [unit, endpoint], () => {
      this.clock.advance(UNIT_MS);
      const c = this.runtime.at(endpoint);
      if (!c) return { answers: ['closed'] };
      this.runtime.onSyscalls(c.mntns, [unit.nr]);
      return { answers: [`ok ${unit.nr}`] };
    });
  }

  family(unit: FakeUnit): string {
    return unit.family;
  }

  describe(unit: FakeUnit): string {
    return `fake syscall ${unit.nr}`;
  }
}
