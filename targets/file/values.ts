/**
 * Value forms target files share with docker-compose: durations ('1m30s', '500ms', or seconds as
 * a number), byte sizes ('256m', or bytes as a number), commands as a list or one string.
 * Pure parsers: undefined means "not of that form", the schema turns it into a message.
 */

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** '1m30s', '90s', '1500ms', '2h' or a number of seconds, in milliseconds; undefined when not a duration. */
export function durationMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return /^\d+(\.\d+)?$/.test(text) ? durationMs(Number(text)) : undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * DURATION_UNITS_MS[unit!]!;
  return total > 0 ? Math.round(total) : undefined;
}

const SIZE_UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** '64m', '1g', '512k', '1048576' or a number of bytes; undefined when not a size. */
export function sizeBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase() || 'b'];
  if (!match || unit === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}

/**
 * Splits a command string the way compose does for `command: "redis-server --port 6380"`: on
 * whitespace, with single and double quotes grouping words. No shell runs it: no expansion.
 */
export function splitCommand(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words.length > 0 ? words : undefined;
}

/** 'HUP', 'SIGHUP', 'sighup' -> 'SIGHUP'; undefined for something that is no signal name. */
export function signalName(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return /^SIG(RTMIN|RTMAX)?[A-Z0-9+-]*$/.test(name) && name.length > 3 ? name : undefined;
}
