import { Command, Option } from 'commander';
import { TARGET_NAMES } from '../../targets/index.js';
import { PROTOCOL_NAMES } from '../../targets/protocols.js';
import { RUN_DEFAULTS, UNITS_PER_FAMILY } from '../config/run-options.js';
import { DEFAULT_PROFILE_FORMAT, PROFILE_FORMAT_NAMES, profileFormatHelp } from '../profile/formats/index.js';
import { ARGS_MODES } from '../profile/args/index.js';
import { SANDFUZZ_VERSION } from '../shared/version.js';
import { DEFAULT_TRACER, TRACER_NAMES, TRACERS } from '../engine/tracer/tracers.js';
import type { Wire } from './wiring.js';

/**
 * commander's complaint as sandfuzz's one line: 'error: unknown option' and its '(Did you mean
 * ...?)' on one line, the hint to --help after it, nothing else (no usage block).
 */
function oneLineError(text: string): string {
  const line = text
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return `sandfuzz: ${line} (add --help for usage)\n`;
}

/**
 * The command table: a few lines per command, each parsing and handing over to src/commands.
 * `wire` gives the commands their side effects (src/cli/wiring.ts's real ones when omitted,
 * loaded only by the command that needs them); tests pass their own.
 */
/** --tracer, from the tracer table: its choices and help derive from it. */
function tracerOption(): Option {
  const help = TRACER_NAMES.map((n) => `${n}: ${TRACERS[n].summary}`).join('; ');
  return new Option('--tracer <name>', `syscall tracer (${help})`).choices(TRACER_NAMES).default(DEFAULT_TRACER);
}

export function buildCli(wire?: Wire): Command {
  const program = new Command('sandfuzz')
    .description('Mine seccomp allow-list profiles for containers with coverage-guided workloads and eBPF tracing')
    .version(SANDFUZZ_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(oneLineError(text)) });

  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  program
    .command('run')
    .description('mine a seccomp profile for a target (a built-in, a target file, or any local image), then prove it under enforcement')
    .option('-t, --target <name|file>', `target to mine: a built-in (${TARGET_NAMES.join(', ')}) or a target file; repeat for several`, collect)
    .option('--image <ref>', 'mine this local image (never pulled); the flags below describe it like a minimal target file')
    .addOption(new Option('--protocol <p>', 'protocol of --image (default: guessed from its EXPOSE ports)').choices(PROTOCOL_NAMES))
    .option('--port <n>', 'container port the protocol speaks on (default: guessed from EXPOSE)')
    .option('--ready <probe>', "readiness of --image: an HTTP path ('/health'), 'tcp' or 'exec:CMD ARGS' (default: the protocol's own check)")
    .option('--ready-timeout <duration>', 'how long --image may take to become ready (default: 60s)')
    .option('-e, --env <K=V>', 'environment variable for --image (repeatable)', collect)
    .option('--openapi <file|path>', 'OpenAPI description of --image: a local file, or a path such as /openapi.json fetched from it')
    .option('--workload-cmd <cmd>', 'a host command that drives --image (your tests), with SANDFUZZ_HOST/PORT/URL set (repeatable)', collect)
    .option('--user <user>', 'run --image as this user')
    .option('--read-only', 'run --image with a read-only root filesystem')
    .option('--tmpfs <path>', 'tmpfs mount for --image (repeatable)', collect)
    .option('--name <name>', 'name of the --image target (default: from the image reference)')
    .option('-j, --jobs <n>', 'mine this many targets at once', '1')
    .option('-o, --out <dir>', 'output folder (default: reports/<target>-<timestamp>; with several targets, one folder per target inside it)')
    .option('-s, --seed <n>', 'seed of every random choice (default: random, recorded)')
    .option('--max-time <duration>', "mining budget (default: the target's budget: nginx 75s, redis and postgres 110s, others 90s)")
    .option('--threshold <p>', 'saturated when the Good-Turing probability of a new syscall is below p', String(RUN_DEFAULTS.threshold))
    .option(
      '--min-units <n>',
      `never saturated before this many units (default: ${RUN_DEFAULTS.minUnits}, or ${UNITS_PER_FAMILY} per workload family if more)`,
    )
    // Both spellings, no commander default: the default lives in run-options.ts (RUN_DEFAULTS.guidance).
    .option('--guidance', 'coverage guidance: keep and mutate units that reached new syscalls, paths or answer states (default: off, see README)')
    .option('--no-guidance', 'plain generator stream: no corpus, no mutation, no family weights (the default)')
    .option('--unit-timeout <duration>', 'upper bound for one workload unit', RUN_DEFAULTS.unitTimeout)
    .addOption(new Option('-f, --format <format>', profileFormatHelp()).choices(PROFILE_FORMAT_NAMES).default(DEFAULT_PROFILE_FORMAT))
    .addOption(
      new Option(
        '--args <mode>',
        "argument rules: mined (only the values the container used), docker (Docker's conditions only), none (= docker: never looser than Docker's default)",
      )
        .choices(ARGS_MODES)
        .default('mined'),
    )
    .option('--complain', 'also write seccomp.complain.json: the same profile, logging (SCMP_ACT_LOG) instead of blocking, for a first deployment')
    .option('--holdout <share>', 'share of generated units held out of mining to measure false positives', String(RUN_DEFAULTS.holdout))
    .option('--no-enforce', 'skip the enforcement check (not recommended)')
    .option('--json', 'print the run summary as JSON on stdout')
    .addOption(tracerOption())
    .action(async (opts) => (await import('./commands/run.js')).run(opts, wire));

  program
    .command('validate')
    .description('replay a workload relaxed (traced) and enforced: would the profile block anything, do answers differ?')
    .requiredOption('-t, --target <name|file>', `target to validate on: a built-in (${TARGET_NAMES.join(', ')}) or a target file`)
    .requiredOption('-p, --profile <file>', 'seccomp profile (sandfuzz, Docker default, or hand-written)')
    .option('-s, --seed <n>', 'seed of the workload (default: random, printed)')
    .option('-n, --units <n>', 'workload units to replay, lifecycle events on top', '200')
    .option('--unit-timeout <duration>', 'upper bound for one workload unit', '10s')
    .option('--json', 'print the result as JSON')
    .addOption(tracerOption())
    .action(async (opts) => (await import('./commands/validate.js')).validate(opts, wire));

  program
    .command('replay <crash>')
    .description(
      'replay a crash reproducer (crashes/<n>.json of a run folder) on a fresh container: exit 0 if the server survives it, 73 if it dies again',
    )
    .option('-t, --target <name|file>', 'target to replay on (default: the one the crash file names)')
    .option('--unit-timeout <duration>', 'upper bound for the unit', '10s')
    .option('--json', 'print the result as JSON')
    .action(async (crash: string, opts) => (await import('./commands/replay.js')).replay(crash, opts));

  program
    .command('bench')
    .description("throughput and latency under no profile, Docker's default and one or more profiles, side by side; and the tracer's cost")
    .requiredOption('-t, --target <name|file>', `target to measure: a built-in (${TARGET_NAMES.join(', ')}) or a target file`)
    .requiredOption('-p, --profile <file>', 'seccomp profile to measure; repeat to compare several in the same rounds', collect)
    .option('--rounds <n>', 'rounds, each on fresh containers (ratios are medians of per-round ratios)', '5')
    // 15 s: five rounds of it bounded nginx's ratios to about ±3% on this 2-core VM; 5 s to ±6-8%.
    .option('--duration <duration>', 'measured load per configuration and round, in one-second pieces taken in turn', '15s')
    .option('--warmup <duration>', 'discarded load before each measurement', '1s')
    .option('--connections <n>', 'concurrent client connections', '16')
    .option('--no-tracer-cost', 'skip the mining profile untraced/traced pair (faster when only profile costs matter)')
    .option('--compare-tracers <names>', `also measure these tracers traced, in the same rounds (comma-separated: ${TRACER_NAMES.join(', ')})`)
    .option('--json', 'print the result as JSON (profileRatio of the first profile, profiles[] for all)')
    .addOption(tracerOption())
    .action(async (opts) => (await import('./commands/bench.js')).bench(opts, wire));

  program
    .command('doctor')
    .description('check every prerequisite and print the command that fixes each missing one')
    .option('--json', 'print the checks as JSON')
    .addOption(tracerOption())
    .action(async (opts) => (await import('./commands/doctor.js')).doctor(opts, wire));

  program
    .command('report <dir>')
    .description("write DIR/report.html (curves, allowed syscalls, comparison with Docker's default profile) from a run folder")
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
    .command('audit <container>')
    .description(
      "list what a container under a complain profile (defaultAction SCMP_ACT_LOG) would have been denied, from the kernel's seccomp audit records",
    )
    .option('--since <duration>', 'only records from this long ago on (default: since the container started)')
    .option('--json', 'print the result as JSON')
    .action(async (container: string, opts) => (await import('./commands/audit.js')).audit(container, opts));

  program
    .command('merge <profiles...>')
    .description('union the profiles of several runs (any format) into one')
    .requiredOption('-o, --out <file>', 'merged profile, written atomically')
    .addOption(formatOption())
    .option('--name <name>', "k8s metadata.name (default: derived from the inputs' provenance)")
    .action(async (inputs: string[], opts) => (await import('./commands/merge.js')).merge(inputs, opts));

  return program;
}
