import type { RunOutcome } from '../../src/commands/run.js';
import type { TargetRun } from '../../src/commands/run-many.js';
import type { RunReport, SyscallFinding } from '../../src/report/run-report.js';

/** A seccomp.json allowing these names plainly (and clone under Docker's namespace mask when `clone`). */
export function profileJson(names: readonly string[], extraRule?: object): string {
  const syscalls: object[] = [{ names: [...names].sort(), action: 'SCMP_ACT_ALLOW' }];
  if (extraRule) syscalls.push(extraRule);
  return JSON.stringify({ defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], syscalls });
}

/** A run's outcome with only what the bench reads filled in. */
export function outcome(over: {
  profilePath: string;
  stopReason?: string;
  miningMs?: number;
  units?: number;
  allowed?: number;
  timeToFinalSetMs?: number;
  syscalls?: SyscallFinding[];
}): RunOutcome {
  const report = {
    stopReason: over.stopReason ?? 'saturated',
    miningMs: over.miningMs ?? 10_000,
    unitsRun: over.units ?? 100,
    timeToFinalSetMs: over.timeToFinalSetMs ?? 5_000,
    profile: { path: over.profilePath, allowed: over.allowed ?? 50, addedFromHoldout: [], runtimeBase: [] },
    syscalls: over.syscalls ?? [],
  } as unknown as RunReport;
  return { report, profilePath: over.profilePath, reportPath: `${over.profilePath}.report`, htmlPath: `${over.profilePath}.html` };
}

export function okRun(name: string, o: RunOutcome): TargetRun {
  return { name, ok: true, outcome: o };
}

export function finding(name: string, foundBy: SyscallFinding['foundBy'], firstSeenMs = 100): SyscallFinding {
  return { name, abi: 'x86_64', nr: 0, firstSeenMs, foundBy };
}
