import { SAFE_CONFIG_VALUES } from '../../../../generators/resp/arbitraries/values/config-parameters.js';
import { NEVER_SENT, type RespUnit } from '../../../../generators/resp/index.js';
import { sentCommands } from './unit-inspection.js';

const UNREACHABLE_CLIENTS = new Set(['10.255.255.1:1', '999999999', 'sf-nobody']);
const FORBIDDEN_WORDS = /\b(flushall|flushdb|shutdown|replicaof|slaveof|failover|migrate|segfault)\b/i;

/** Seconds or milliseconds a blocking command may wait, or null if it does not block. */
function blockingTimeoutMs(key: string, words: readonly string[]): number | null {
  const seconds = (w: string | undefined): number => Number(w) * 1000;
  switch (key) {
    case 'blpop':
    case 'brpop':
    case 'blmove':
    case 'brpoplpush':
    case 'bzpopmin':
    case 'bzpopmax':
      return seconds(words[words.length - 1]);
    case 'blmpop':
    case 'bzmpop':
      return seconds(words[1]);
    case 'xread':
    case 'xreadgroup': {
      const at = words.findIndex((w) => w.toUpperCase() === 'BLOCK');
      return at < 0 ? null : Number(words[at + 1]);
    }
    case 'wait':
      return words[1] === '0' ? null : Number(words[2]);
    default:
      return null;
  }
}

/** What in a unit could harm the server or the run: one message per problem, none if safe. */
export function checkSafety(unit: RespUnit, maxBlockingMs = 1000, debugAllowed = false): string[] {
  const problems: string[] = [];
  for (const { key, words, conn } of sentCommands(unit)) {
    const line = words.join(' ');
    if (NEVER_SENT.has(key)) problems.push(`excluded command: ${line}`);
    if (words.some((w) => FORBIDDEN_WORDS.test(w))) problems.push(`forbidden word: ${line.slice(0, 80)}`);
    if (key === 'config|set') {
      for (let i = 2; i < words.length; i += 2) {
        const allowed = SAFE_CONFIG_VALUES[words[i]!.toLowerCase()];
        if (!allowed?.includes(words[i + 1] ?? '\0')) problems.push(`unsafe CONFIG SET: ${line}`);
      }
    }
    if (key === 'client|kill') {
      const targets = words.slice(2).filter((w) => !/^(ADDR|LADDR|ID|USER|SKIPME|yes)$/i.test(w));
      if (words.some((w) => /^TYPE$/i.test(w)) || !targets.every((t) => UNREACHABLE_CLIENTS.has(t)))
        problems.push(`CLIENT KILL may hit a client: ${line}`);
    }
    if (key === 'client|pause' && !(Number(words[2]) > 0 && Number(words[2]) <= 200)) problems.push(`long pause: ${line}`);
    if ((key === 'acl|setuser' || key === 'acl|deluser') && words.slice(2, key === 'acl|setuser' ? 3 : undefined).includes('default')) {
      problems.push(`touches the default user: ${line}`);
    }
    if (key === 'debug' && !debugAllowed) problems.push(`DEBUG on a server that refuses it: ${line}`);
    if (key === 'monitor' && conn === 0) problems.push('MONITOR on the main connection');
    if (key === 'spop' && words[2] !== '1000000') problems.push(`random SPOP: ${line}`);
    const timeout = blockingTimeoutMs(key, words);
    if (timeout !== null && !(timeout > 0 && timeout <= maxBlockingMs)) problems.push(`blocking timeout out of range: ${line}`);
  }
  return problems;
}
