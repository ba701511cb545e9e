import { Command, Option } from 'commander';
import { listTargets, TARGET_NAMES } from '../../targets/index.js';
import { RUN_DEFAULTS, UNITS_PER_FAMILY } from '../config/run-options.js';
import { DEFAULT_PROFILE_FORMAT, PROFILE_FORMAT_NAMES, profileFormatHelp } from '../profile/formats/index.js';
import { SANDFUZZ_VERSION } from '../version.js';

/** The command table: a few lines per command, each parsing and handing over to src/commands. */
export function buildCli(): Command {
  const program = new Command('sandfuzz')
    .description('Mine seccomp allow-list profiles for containers with coverage-guided workloads and eBPF tracing')
    .version(SANDFUZZ_VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  program
    .command('run')
    .description('mine a seccomp profile for a target, then prove it under enforcement')
    .addOption(new Option('-t, --target <name>', 'target to mine').choices(TARGET_NAMES).makeOptionMandatory())
    .option('-o, --out <dir>', 'output folder (default: reports/<target>-<timestamp>)')
    .option('-s, --seed <n>', 'seed of every random choice (default: random, recorded)')
    .option('--max-time <duration>', `mining budget (default: ${listTargets().map((t) => `${t.name} ${t.miningBudgetSec}s`).join(', ')})`)
    .option('--threshold <p>', 'saturated when the Good-Turing probability of a new syscall is below p', String(RUN_DEFAULTS.threshold))
    .option('--min-units <n>', `never saturated before this many units (default: ${RUN_DEFAULTS.minUnits}, or ${UNITS_PER_FAMILY} per workload family if more)`)
    .option('--no-guidance', 'plain generator stream: no corpus, no mutation, no family weights')
    .option('--unit-timeout <duration>', 'upper bound for one workload unit', RUN_DEFAULTS.unitTimeout)
    .addOption(new Option('-f, --format <format>', profileFormatHelp()).choices(PROFILE_FORMAT_NAMES).default(DEFAULT_PROFILE_FORMAT))
    .option('--holdout <share>', 'share of generated units held out of mining to measure false positives', String(RUN_DEFAULTS.holdout))
    .option('--no-enforce', 'skip the enforcement check (not recommended)')
    .option('--json', 'print the run summary as JSON on stdout')
    .action(async (opts) => (await import('./commands/run.js')).run(opts));

  program
    .command('validate')
    .description('replay a workload relaxed (traced) and enforced: would the profile block anything, do answers differ?')
    .addOption(new Option('-t, --target <name>', 'target to validate on').choices(TARGET_NAMES).makeOptionMandatory())
    .requiredOption('-p, --profile <file>', 'seccomp profile (sandfuzz, Docker default, or hand-written)')
    .option('-s, --seed <n>', 'seed of the workload (default: random, printed)')
    .option('-n, --units <n>', 'workload units to replay, lifecycle events on top', '200')
    .option('--unit-timeout <duration>', 'upper bound for one workload unit', '10s')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => (await import('./commands/validate.js')).validate(opts));

  program
    .command('bench')
    .description('throughput and latency under no profile, Docker\'s default and a profile, side by side; and the tracer\'s cost')
    .addOption(new Option('-t, --target <name>', 'target to measure').choices(TARGET_NAMES).makeOptionMandatory())
    .requiredOption('-p, --profile <file>', 'seccomp profile to measure')
    .option('--rounds <n>', 'interleaved rounds per configuration', '5')
    .option('--duration <duration>', 'measured load per run', '5s')
    .option('--warmup <duration>', 'discarded load before each measurement', '1s')
    .option('--connections <n>', 'concurrent client connections', '16')
    .option('--json', 'print the result as JSON (top-level profileRatio)')
    .action(async (opts) => (await import('./commands/bench.js')).bench(opts));

  program
    .command('doctor')
    .description('check every prerequisite and print the command that fixes each missing one')
    .option('--json', 'print the checks as JSON')
    .action(async (opts) => (await import('./commands/doctor.js')).doctor(opts));

  program
    .command('report <dir>')
    .description('write DIR/report.html (curves, allowed syscalls, comparison with Docker\'s default profile) from a run folder')
    .action(async (dir: string) => (await import('./commands/report.js')).report(dir));

  const targets = program
    .command('targets')
    .description('list built-in targets')
    .option('--json', 'print as JSON')
    .action(async (opts) => (await import('./commands/targets.js')).list(opts));
  targets
    .command('build [name]')
    .description('build (or rebuild with --rebuild) the image of one target, or of all')
    .option('--rebuild', 'rebuild even if the image exists')
    .action(async (name: string | undefined, opts) => (await import('./commands/targets.js')).build(name, opts));

  const formatOption = () => new Option('-f, --format <format>', profileFormatHelp()).choices(PROFILE_FORMAT_NAMES).default(DEFAULT_PROFILE_FORMAT);
  program
    .command('convert <in>')
    .description(`convert a profile (${PROFILE_FORMAT_NAMES.join(', ')}: detected) to another format`)
    .addOption(formatOption())
    .option('-o, --out <file>', 'write here, atomically (default: stdout)')
    .option('--name <name>', 'k8s metadata.name (default: target and short image id from the provenance)')
    .action(async (input: string, opts) => (await import('./commands/convert.js')).convert(input, opts));

  program
    .command('diff <a> <b>')
    .description('show what two profiles allow differently; exit 0 if identical, 1 if they differ (like diff(1))')
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, opts) => (await import('./commands/diff.js')).diff(a, b, opts));

  program
    .command('merge <profiles...>')
    .description('union the profiles of several runs (any format) into one')
    .requiredOption('-o, --out <file>', 'merged profile, written atomically')
    .addOption(formatOption())
    .option('--name <name>', 'k8s metadata.name (default: derived from the inputs\' provenance)')
    .action(async (inputs: string[], opts) => (await import('./commands/merge.js')).merge(inputs, opts));

  return program;
}
