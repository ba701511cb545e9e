import type Dockerode from 'dockerode';

/** One JSON message of a Docker build or import progress stream. */
export interface ProgressEvent {
  readonly stream?: string;
  readonly status?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
  readonly aux?: { readonly ID?: string };
}

export interface ProgressOutcome {
  readonly events: readonly ProgressEvent[];
  /** Last error line the engine reported inside the stream (HTTP 200 but failed), if any. */
  readonly error?: string;
}

/**
 * Follows a progress stream to its end, forwarding readable lines to `log`. Errors reported inside
 * the stream resolve as `error` (the caller picks the error class); a broken transport rejects.
 */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, log?: (line: string) => void): Promise<ProgressOutcome> {
  let error: string | undefined;
  const onEvent = (event: ProgressEvent): void => {
    const message = event.errorDetail?.message ?? event.error;
    if (message) error = lastLine(message);
    const text = message ?? event.stream ?? event.status;
    if (!log || !text) return;
    for (const line of text.split('\n')) {
      const trimmed = line.trimEnd();
      if (trimmed) log(trimmed);
    }
  };
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err, events: ProgressEvent[]) => {
        if (err) reject(err);
        else resolve(error === undefined ? { events } : { events, error });
      },
      onEvent,
    );
  });
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? text.trim();
}
