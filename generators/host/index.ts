import { hostCommandAnswer, runHostCommand, serviceEnvironment } from '../_shared/host-command.js';
import type { Endpoint, ExecuteOptions, GuidedGenerator, UnitResult } from '../types.js';

/** One of the team's own test commands, as a workload unit: plain JSON, replayable. */
export interface HostWorkloadUnit {
  readonly workload: string;
  readonly cmd: readonly string[];
  readonly cwd: string;
  readonly timeoutMs: number;
}

export interface HostWorkloadSpec {
  readonly name: string;
  readonly cmd: readonly string[];
  readonly cwd: string;
  readonly timeoutMs: number;
}

/**
 * The team's own test commands (integration tests, smoke scripts) as a generator: one family
 * per command (`workload:<name>`), each unit one run of it with SANDFUZZ_HOST, SANDFUZZ_PORT and
 * SANDFUZZ_URL set. The answer is its exit status, so the enforcement proof checks it too.
 */
export function createHostWorkloadGenerator(
  workloads: readonly HostWorkloadSpec[],
  scheme: string,
  signal?: AbortSignal,
): GuidedGenerator<HostWorkloadUnit> {
  const byFamily = new Map(workloads.map((w) => [`workload:${w.name}`, w]));
  const families = [...byFamily.keys()];
  const unitOf = (family: string): HostWorkloadUnit => {
    const w = byFamily.get(family);
    if (!w) throw new Error(`host workload generator has no family '${family}'`);
    return { workload: w.name, cmd: w.cmd, cwd: w.cwd, timeoutMs: w.timeoutMs };
  };
  return {
    name: 'workload',
    families,
    *units() {
      for (let i = 0; ; i++) yield unitOf(families[i % families.length]!);
    },
    generate: (family) => unitOf(family),
    // A command is what the team wrote: there is nothing to vary in it.
    mutate: (parent) => parent,
    family: (unit) => `workload:${unit.workload}`,
    describe: (unit) => `${unit.workload}: ${unit.cmd.join(' ')}`,
    async execute(unit: HostWorkloadUnit, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
      // The team's command has its own budget: a generated unit's 10 s would cut an e2e suite short.
      const timeoutMs = Math.max(unit.timeoutMs, options.timeoutMs);
      const result = await runHostCommand(unit.cmd, {
        cwd: unit.cwd,
        env: serviceEnvironment(endpoint, scheme),
        timeoutMs,
        ...(signal ? { signal } : {}),
      });
      return { answers: [`${hostCommandAnswer(result)} ${unit.workload}`] };
    },
  };
}
