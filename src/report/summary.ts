import { dirname, join } from 'node:path';
import type { RunReport } from './run-report.js';
import { formatTerminalCurve } from './terminal-curve.js';

/** The human summary printed at the end of `run`. */
export function formatSummary(report: RunReport, paths: { profile: string; report: string; html?: string }): string {
  const st = report.stop;
  const estimate = `P(new syscall in next unit) = ${st.discoveryProbability.toExponential(1)}, Chao2 unseen = ${st.unseen.toFixed(2)}`;
  const stop = st.saturated
    ? `saturated (${estimate}; threshold ${st.threshold})`
    : `ran out of budget before saturation (${estimate}): the profile may miss rare paths`;
  // Unguided is the default (RUN_DEFAULTS.guidance); guided runs only with --guidance.
  const guidance = report.guidance === 'guided' ? 'guided (--guidance)' : 'unguided';
  const enforcement =
    'skipped' in report.enforcement
      ? 'skipped (--no-enforce)'
      : report.enforcement.ok
        ? `passed: ${report.enforcement.replayed} kept units replayed with identical answers, clean stop (exit 0)`
        : `FAILED: ${report.enforcement.problems.length} problem(s), first: ${report.enforcement.problems[0]}`;
  const lines = [
    `${report.target}: ${report.profile.allowed} syscalls allowed (${allowedBreakdown(report)})`,
    `  stop:        ${stop}`,
    `  exploration: ${report.unitsRun} units in ${(report.miningMs / 1000).toFixed(1)}s, ${guidance}; last new syscall after ${(report.timeToFinalSetMs / 1000).toFixed(1)}s`,
    `  enforcement: ${enforcement}`,
    `  holdout:     ${holdoutLine(report)}`,
    `  arguments:   ${argumentsLine(report)}`,
    ...crashLines(report, dirname(paths.report)),
    `  seed:        ${report.seed}  (replay with --seed ${report.seed})`,
    `  profile:     ${paths.profile}`,
    `  report:      ${paths.report}${paths.html ? `, ${paths.html}` : ''}`,
    `  curve:       ${formatTerminalCurve(report)}`,
  ];
  if (report.unnamed.length > 0) {
    lines.push(
      `  warning:     ${report.unnamed.length} syscall number(s) without a name were seen and are not allowed: ${report.unnamed.map((u) => `${u.abi}:${u.nr}`).join(', ')}`,
    );
  }
  for (const w of report.warnings ?? []) {
    lines.push(`  warning:     allows ${w.allows}${w.neededBy ? `, needed by ${w.neededBy}` : ''}: ${w.why}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The argument rules in one line: `socket: 3 values (1 thin), prctl: 4 values, mmap: W^X`. */
export function argumentsLine(report: RunReport): string {
  const rules = (report.argumentRules ?? []).filter((o) => o.basis !== 'name-only');
  if (rules.length === 0) return "none beyond Docker's own conditions";
  return rules
    .map((o) => {
      if (o.basis === 'docker') return `${o.syscall}: Docker's conditions`;
      if (o.syscall === 'mmap' || o.syscall === 'mprotect' || o.syscall === 'pkey_mprotect') return `${o.syscall}: W^X`;
      const thin = o.allowed.filter((a) => a.thin).length;
      return `${o.syscall}: ${o.allowed.length} value${o.allowed.length === 1 ? '' : 's'}${thin > 0 ? ` (${thin} thin)` : ''}`;
    })
    .join(', ');
}

function holdoutLine(report: RunReport): string {
  const h = report.holdout;
  if (!h) return 'not measured (--no-enforce)';
  if (h.replayed === 0) return `no units held out (--holdout ${h.share})`;
  const [lo, hi] = h.ci95.map((x) => `${(x * 100).toFixed(1)}%`);
  const added = report.profile.addedFromHoldout;
  const then = added.length > 0 ? `; then allowed what they needed: ${added.join(', ')}` : '';
  return `${h.failures}/${h.replayed} held-out units broken by the mined profile: false-positive rate ${(h.rate * 100).toFixed(1)}% (95% CI ${lo}-${hi})${then}`;
}

/**
 * Where each allowed syscall came from, so the parts add up to the total: the mining phases, then
 * runtime base syscalls the container was never seen making, then those held-out units needed.
 */
export function allowedBreakdown(report: RunReport): string {
  const phases = { startup: 0, unit: 0, shutdown: 0 };
  for (const s of report.syscalls) phases[s.foundBy.phase]++;
  // Held-out additions are "abi:name" keys the mining never saw; the base set is plain names.
  const fromHoldout = report.profile.addedFromHoldout;
  const known = new Set([...report.syscalls.map((s) => s.name), ...fromHoldout.map((k) => k.slice(k.indexOf(':') + 1))]);
  const base = report.profile.runtimeBase.filter((n) => !known.has(n)).length;
  const parts = [`${phases.startup} at start-up`, `${phases.unit} by workload units`, `${phases.shutdown} at shutdown`];
  if (base > 0) parts.push(`${base} runtime base`);
  if (fromHoldout.length > 0) parts.push(`${fromHoldout.length} needed by held-out units`);
  return parts.join(', ');
}

/**
 * The crashes, each on a line of its own (a security team reads these first), with where the
 * reproducers are and how to replay one; 'none' when the server survived everything.
 */
export function crashLines(report: RunReport, dir: string): string[] {
  const crashes = report.crashes ?? [];
  if (crashes.length === 0) return ['  crashes:     none'];
  const lines = [
    `  crashes:     ${crashes.length}, the server was restarted each time; what they made is allowed but not proven (the proof does not replay a step the server died in)`,
  ];
  for (const c of crashes) lines.push(`    ${join(dir, c.file)}: step ${c.step} (${c.description}) at ${(c.atMs / 1000).toFixed(1)}s: ${c.reason}`);
  lines.push(`    replay one with: sandfuzz replay ${join(dir, crashes[0]!.file)}`);
  return lines;
}
