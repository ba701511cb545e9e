import { DockerError, EngineUnavailableError, PortInUseError, type SandfuzzError } from '../../shared/errors.js';

/**
 * Socket errors of a connect to the engine: nothing listens there (ENOENT, ECONNREFUSED), the
 * socket is not ours to open (EACCES, EPERM: not root, not in the docker group), or it is no socket.
 */
const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'EACCES', 'EPERM', 'ENOTSOCK', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * What the engine says when the host port it picked for a published container port is held by
 * another program (docker-proxy's bind) or by another container (its own allocator).
 */
const PORT_IN_USE = /address already in use|port is already allocated/i;

/** The engine's own words: first line, without docker-modem's '(HTTP code 500) server error - '. */
function firstLine(err: unknown): string {
  const line = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
  return line.replace(/^\(HTTP code \d+\) [a-z ]+ - /i, '');
}

/** Whether a Docker API call failed because no engine could be reached, not because of what it asked. */
function isEngineUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return e?.syscall === 'connect' && typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code);
}

/**
 * The error a failed Docker API call becomes, `what` saying what was asked: no engine (68) and a
 * taken host port (80) have their own exit codes, so a script knows to start dockerd or retry;
 * everything else is a DockerError (70).
 */
export function engineFailure(what: string, err: unknown): SandfuzzError {
  const line = `${what}: ${firstLine(err)}`;
  if (isEngineUnreachable(err))
    return new EngineUnavailableError(`${line}: no Docker engine there (start dockerd, or point DOCKER_HOST at one)`, { cause: err });
  if (PORT_IN_USE.test(line))
    return new PortInUseError(`${line} (another program holds the host port the engine picked: run again, or stop that program)`, { cause: err });
  return new DockerError(line, { cause: err });
}
