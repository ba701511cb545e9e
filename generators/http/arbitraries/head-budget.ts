import { PADDING_HEADER_NAMES } from './padding-header.js';
import type { HeaderPair } from '../unit.js';

/**
 * Well-formed requests keep their head under this size so that both nginx (4 x 8 KiB buffers)
 * and Node (16 KiB) accept them; the malformed family is where heads get too big on purpose.
 */
export const HEAD_BUDGET_BYTES = 14 * 1024;

export function headBytes(target: string, headers: readonly HeaderPair[]): number {
  return target.length + headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

/** The headers, minus the padding ones when the head would exceed HEAD_BUDGET_BYTES. */
export function fitHeadBudget(target: string, headers: readonly HeaderPair[]): readonly HeaderPair[] {
  if (headBytes(target, headers) <= HEAD_BUDGET_BYTES) return headers;
  const padding: readonly string[] = PADDING_HEADER_NAMES;
  return headers.filter(([name]) => !padding.includes(name));
}
