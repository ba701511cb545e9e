import { UsageError } from '../shared/errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses '90s', '2m', '1500ms', '1h' or a bare number of seconds into milliseconds. */
export function parseDuration(option: string, value: string | number): number {
  const text = String(value).trim();
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!match) {
    throw new UsageError(`${option} must be a duration such as 90s, 2m or 1500ms (got '${text}')`);
  }
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`${option} must be greater than zero (got '${text}')`);
  return Math.round(ms);
}
