import { allowedSyscallDetails, type AllowedDetails } from '../../profile/diff.js';
import type { SeccompProfile } from '../../profile/seccomp.js';
import { syscallCategory, type SyscallCategory } from '../../syscalls/categories.js';
import { highRisk } from '../../syscalls/high-risk.js';
import type { Abi } from '../../syscalls/index.js';
import type { Finder, RunReport } from '../run-report.js';
import type { DockerComparison, DockerComparisonMissing, DockerVerdict } from './docker-compare.js';
import type { KeptCorpus } from './inputs.js';

/** One allowed syscall and where it came from. */
export interface SyscallRow {
  readonly name: string;
  readonly abi: Abi;
  readonly category: SyscallCategory | null;
  /** Null for names the profile builder added without observing them. */
  readonly firstSeenMs: number | null;
  readonly phase: Finder['phase'] | 'profile';
  readonly unit: { readonly index: number; readonly family: string; readonly description: string; readonly confirmed: boolean | null } | null;
  /** How to reproduce the first use. */
  readonly replay: string;
  /** Docker's default profile's verdict (x86_64 names; null without a comparison). */
  readonly docker: DockerVerdict | null;
  /** Why the name is high-risk, when it is. */
  readonly highRisk: string | null;
  /** The mined profile allows it only under argument conditions. */
  readonly argConditions: boolean;
}

/** The curve series a finder belongs to: its unit family, or start-up / shutdown. */
export function seriesOf(finder: Finder): string {
  if (finder.phase === 'startup') return 'start-up';
  if (finder.phase === 'shutdown') return 'shutdown';
  return finder.family;
}

/** Rows for every allowed syscall: observed ones in discovery order, then profile-only ones. Pure. */
export function buildSyscallRows(
  report: RunReport,
  profile: SeccompProfile,
  docker: DockerComparison | DockerComparisonMissing,
  corpus: KeptCorpus | undefined,
): SyscallRow[] {
  const details = new Map<Abi, AllowedDetails>();
  const allowedOn = (abi: Abi): AllowedDetails => {
    let d = details.get(abi);
    if (!d) details.set(abi, (d = allowedSyscallDetails(profile, abi)));
    return d;
  };
  const kept = new Set(corpus?.units.map((u) => u.index));
  const dockerVerdict = (name: string, abi: Abi): DockerVerdict | null =>
    docker.available && abi === 'x86_64' ? (docker.verdicts[name] ?? null) : null;
  const rows: SyscallRow[] = [];
  const seen = new Set<string>();
  for (const s of report.syscalls) {
    const allowed = allowedOn(s.abi);
    if (!allowed.allowed.includes(s.name)) continue;
    seen.add(`${s.abi}:${s.name}`);
    const f = s.foundBy;
    rows.push({
      name: s.name,
      abi: s.abi,
      category: syscallCategory(s.name) ?? null,
      firstSeenMs: s.firstSeenMs,
      phase: f.phase,
      unit: f.phase === 'unit' ? { index: f.index, family: f.family, description: f.description, confirmed: f.confirmed } : null,
      replay: replayHint(f, kept, corpus, report.seed),
      docker: dockerVerdict(s.name, s.abi),
      highRisk: highRisk(s.name)?.why ?? null,
      argConditions: allowed.conditional.includes(s.name),
    });
  }
  const x64 = allowedOn('x86_64');
  for (const name of x64.allowed.filter((n) => !seen.has(`x86_64:${n}`))) {
    rows.push({
      name,
      abi: 'x86_64',
      category: syscallCategory(name) ?? null,
      firstSeenMs: null,
      phase: 'profile',
      unit: null,
      replay: 'added by the profile builder, not observed',
      docker: dockerVerdict(name, 'x86_64'),
      highRisk: highRisk(name)?.why ?? null,
      argConditions: x64.conditional.includes(name),
    });
  }
  return rows;
}

function replayHint(f: Finder, kept: ReadonlySet<number>, corpus: KeptCorpus | undefined, seed: number): string {
  if (f.phase === 'startup') return 'start the target';
  if (f.phase === 'shutdown') return 'stop the target';
  // Index 0 is the report's marker for activity between units, which no single unit replays.
  if (f.index === 0) return `between units: rerun with --seed ${seed}`;
  if (corpus && kept.has(f.index)) return `corpus.json unit ${f.index}, seed ${corpus.seed}`;
  return `unit ${f.index} is not in corpus.json: rerun with --seed ${seed}`;
}
