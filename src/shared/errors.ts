/**
 * Every error sandfuzz raises on purpose. Each class has a stable `code` and the process exit
 * code it maps to; only the CLI's top-level handler prints them and exits.
 */
export abstract class SandfuzzError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command-line input or option value (EX_USAGE). */
export class UsageError extends SandfuzzError {
  readonly code = 'SF_USAGE';
  readonly exitCode = 64;
}

/** A file given as input is not what it should be: not JSON, not a seccomp profile (EX_DATAERR). */
export class InputFileError extends SandfuzzError {
  readonly code = 'SF_INPUT_FILE';
  readonly exitCode = 65;
}

/**
 * The image is not on the local engine. sandfuzz never pulls: a pull can hang on a registry that
 * is not reachable, and a security team wants the exact image it built (EX_NOINPUT).
 */
export class ImageMissingError extends SandfuzzError {
  readonly code = 'SF_IMAGE_MISSING';
  readonly exitCode = 66;
}

/** DOCKER_HOST names an engine on another host: the tracer must run where the containers run. */
export class RemoteEngineError extends SandfuzzError {
  readonly code = 'SF_REMOTE_ENGINE';
  readonly exitCode = 76;
}

/** A prerequisite (root, tracefs, bpftrace, Docker...) is missing (EX_UNAVAILABLE). */
export class PrerequisiteError extends SandfuzzError {
  readonly code = 'SF_PREREQUISITE';
  readonly exitCode = 69;
}

/** The Docker engine failed a request: build, create, start, inspect (EX_SOFTWARE-adjacent). */
export class DockerError extends SandfuzzError {
  readonly code = 'SF_DOCKER';
  readonly exitCode = 70;
}

/** A target image could not be built. */
export class ImageBuildError extends SandfuzzError {
  readonly code = 'SF_IMAGE_BUILD';
  readonly exitCode = 71;
}

/** The tracer could not start, died, or produced output it should not (EX_OSERR). */
export class TracerError extends SandfuzzError {
  readonly code = 'SF_TRACER';
  readonly exitCode = 72;
}

/** The container never became healthy, or crashed while being mined. */
export class TargetUnhealthyError extends SandfuzzError {
  readonly code = 'SF_TARGET_UNHEALTHY';
  readonly exitCode = 73;
}

/** Output could not be written (EX_CANTCREAT). */
export class OutputError extends SandfuzzError {
  readonly code = 'SF_OUTPUT';
  readonly exitCode = 74;
}

/** The mined profile broke the container under enforcement: the run's result is not trustworthy. */
export class EnforcementError extends SandfuzzError {
  readonly code = 'SF_ENFORCEMENT';
  readonly exitCode = 3;
}

/** `validate` found syscalls the profile would block, or answers that differ under it. */
export class ValidationFailedError extends SandfuzzError {
  readonly code = 'SF_VALIDATION_FAILED';
  readonly exitCode = 4;
}

/** `diff` found two profiles that allow different things: exit 1, as diff(1) does. */
export class ProfilesDifferError extends SandfuzzError {
  readonly code = 'SF_PROFILES_DIFFER';
  readonly exitCode = 1;
}

/** The user interrupted the run (Ctrl-C or SIGTERM); 128 + SIGINT by shell convention. */
export class InterruptedError extends SandfuzzError {
  readonly code = 'SF_INTERRUPTED';
  readonly exitCode = 130;
}

/**
 * A seccomp profile could not be built from the observations: nothing observed, an unknown
 * syscall name or a bad clone flags value; a tracer/table bug rather than user error (EX_SOFTWARE).
 */
export class ProfileBuildError extends SandfuzzError {
  readonly code = 'SF_PROFILE_BUILD';
  readonly exitCode = 75;
}

export function isSandfuzzError(err: unknown): err is SandfuzzError {
  return err instanceof SandfuzzError;
}

/** A short, one-line description of any thrown value, with its cause chain. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 4; depth++) {
    const msg = cur instanceof Error ? cur.message : String(cur);
    const line = msg.split('\n')[0]!.trim();
    // A cause that only repeats what its wrapper said, behind an HTTP client's status prefix
    // ('(HTTP code 500) server error - ...'), adds nothing to the line.
    const core = line.replace(/^\([^)]*\)[^-]*- /, '');
    if (line && !parts.some((p) => p.includes(core))) parts.push(line);
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join(': ');
}

/** No container by that name or id on the engine (EX_NOUSER: "addressee unknown"). */
export class ContainerNotFoundError extends SandfuzzError {
  readonly code = 'SF_CONTAINER_NOT_FOUND';
  readonly exitCode = 67;
}

/** One crash as an error names it: enough for the line, the rest is in its crashes/<n>.json. */
export interface CrashNote {
  readonly n: number;
  /** The step that was running: 'unit 14 (GET /x)'. */
  readonly step: string;
  readonly reason: string;
  /** Where the reproducer was saved, when it was. */
  readonly file?: string;
}

/**
 * The server crashed too many times in a row, or did not come back healthy after a crash, so
 * mining stopped: the workload found a way to kill the server, which is a finding, not an
 * unhealthy target. Carries every crash of the session so a failure path can say what happened
 * without the profile claiming completeness.
 */
export class TargetCrashedError extends SandfuzzError {
  readonly code = 'SF_TARGET_CRASHED';
  readonly exitCode = 81;
  constructor(
    message: string,
    readonly crashes: readonly CrashNote[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * No Docker engine answers where sandfuzz looks (DOCKER_HOST, else /var/run/docker.sock): the
 * socket is missing, refuses connections, or does not answer in time (EX_NOHOST).
 */
export class EngineUnavailableError extends SandfuzzError {
  readonly code = 'SF_ENGINE_UNAVAILABLE';
  readonly exitCode = 68;
}

/** sandfuzz runs without root: bpftrace and the container engine's socket need it (EX_NOPERM). */
export class NotRootError extends SandfuzzError {
  readonly code = 'SF_NOT_ROOT';
  readonly exitCode = 77;
}

/**
 * `--target` is neither a built-in nor a path to a file. Its own code, apart from other bad
 * flags (64): a script that loops over target names can tell a typo from a broken command line.
 */
export class UnknownTargetError extends SandfuzzError {
  readonly code = 'SF_UNKNOWN_TARGET';
  readonly exitCode = 79;
}

/**
 * The engine could not publish the container's port: another program holds the host port it
 * picked. Worth telling apart from other engine failures, since trying again usually works.
 */
export class PortInUseError extends SandfuzzError {
  readonly code = 'SF_PORT_IN_USE';
  readonly exitCode = 80;
}
