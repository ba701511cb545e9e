/**
 * Keys come from small pools, one per data type (`list:0` ... `list:7`), so state builds up
 * across units and most commands meet a key of the type they expect.
 */
export const KEY_POOLS = ['str', 'list', 'hash', 'set', 'zset', 'stream', 'geo', 'hll', 'bitmap'] as const;

export type KeyPool = (typeof KEY_POOLS)[number];

/**
 * Pools for the `large` family only, each emptied at the start of every unit that names one:
 * kept units replayed again and again must not grow a value by megabytes each time.
 */
export const LARGE_POOLS = ['large', 'biglist', 'bighash', 'bigset', 'bigzset'] as const;

export type LargePool = (typeof LARGE_POOLS)[number];

/** How many keys a large pool has, whatever keyPoolSize says: megabytes add up. */
export const LARGE_POOL_SIZE = 4;

const LARGE_KEY = new RegExp(`^(${LARGE_POOLS.join('|')}):\\d+$`);

export function isLargeKey(word: string): boolean {
  return LARGE_KEY.test(word);
}

export function keyName(pool: KeyPool | LargePool, index: number): string {
  return `${pool}:${index}`;
}

/** The pool and index of a pool key, or null for any other word. */
export function parseKey(word: string): { pool: KeyPool | LargePool; index: number } | null {
  const match = /^([a-z]+):(\d+)$/.exec(word);
  if (!match) return null;
  const pool = match[1] as KeyPool | LargePool;
  const known = (KEY_POOLS as readonly string[]).includes(pool) || (LARGE_POOLS as readonly string[]).includes(pool);
  return known ? { pool, index: Number(match[2]) } : null;
}
