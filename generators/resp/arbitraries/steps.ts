import type { CommandStep, InlineStep, PauseStep, RespArg } from '../unit.js';

/** A command step; options are only written when set, so units stay free of undefined. */
export function command(args: readonly RespArg[], conn = 0, options: { async?: boolean; waitMs?: number } = {}): CommandStep {
  return {
    kind: 'command',
    conn,
    args: [...args],
    ...(options.async ? { async: true as const } : {}),
    ...(options.waitMs !== undefined && options.waitMs > 0 ? { waitMs: options.waitMs } : {}),
  };
}

export function inline(words: readonly string[], conn = 0): InlineStep {
  return { kind: 'inline', conn, words: [...words] };
}

export function pause(ms: number): PauseStep {
  return { kind: 'pause', ms };
}
