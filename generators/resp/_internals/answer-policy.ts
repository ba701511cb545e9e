import { fullName, type CommandSpec } from '../grammar/grammar.js';
import { recordedGrammar } from '../grammar/recorded-grammar.js';
import type { AnswerPolicy } from './answer-format.js';

/**
 * Policies the server's own tips do not give. Everything here varies between two fresh servers
 * fed the same commands: timings, ids, allocator figures, hash-table order, wall-clock TTLs.
 */
const OVERRIDES: Readonly<Record<string, AnswerPolicy>> = {
  ttl: 'ttl',
  pttl: 'ttl',
  expiretime: 'ttl',
  pexpiretime: 'ttl',
  hgetall: 'pairs',
  'config|get': 'pairs',
  sort: 'unordered',
  sort_ro: 'unordered',
  'pubsub|channels': 'unordered',
  'pubsub|shardchannels': 'unordered',
  'acl|cat': 'unordered',
  // Counts expired keys active expiry has not reclaimed yet.
  dbsize: 'class',
  'memory|usage': 'class',
  role: 'class',
  lolwut: 'class',
  'acl|log': 'class',
  'acl|genpass': 'class',
  'client|id': 'class',
  'client|getredir': 'class',
  'client|trackinginfo': 'class',
  hello: 'class',
  debug: 'class',
  'function|dump': 'class',
  // Libraries and the functions inside them both come out in hash-table order.
  'function|list': 'class',
  command: 'class',
  'command|docs': 'class',
  'command|info': 'class',
  'command|list': 'class',
  'latency|reset': 'class',
};

/** Stream ids made with `*` come from the clock, so nothing a stream answers is comparable. */
const CLASS_ONLY_GROUPS = new Set(['stream']);

let specsByName: Map<string, CommandSpec> | null = null;
let containers: Set<string> | null = null;

// The recorded grammar, never the prepared one: a replay in another process must format the
// same replies the same way without asking any server first.
function index(): { specs: Map<string, CommandSpec>; containers: Set<string> } {
  if (!specsByName || !containers) {
    specsByName = new Map(recordedGrammar().commands.map((spec) => [fullName(spec), spec]));
    containers = new Set(
      recordedGrammar()
        .commands.filter((s) => s.words.length > 1)
        .map((s) => s.words[0]!.toLowerCase()),
    );
  }
  return { specs: specsByName, containers };
}

/** `config|get` for CONFIG GET ..., `get` for GET ...: the key policies and exclusions use. */
export function commandKey(words: readonly string[]): string {
  const name = (words[0] ?? '').toLowerCase();
  const sub = words[1]?.toLowerCase();
  return index().containers.has(name) && sub !== undefined ? `${name}|${sub}` : name;
}

// A relative EXPIRE GT/LT compares now+ttl with the stored deadline: equal TTLs a millisecond
// apart give different answers.
function comparesDeadlines(key: string, words: readonly string[]): boolean {
  if (key !== 'expire' && key !== 'pexpire') return false;
  return words.slice(3).some((w) => /^(gt|lt)$/i.test(w));
}

/** How much of the reply to `words` an answer may keep. */
export function answerPolicy(words: readonly string[]): AnswerPolicy {
  const key = commandKey(words);
  if (comparesDeadlines(key, words)) return 'class';
  const override = OVERRIDES[key];
  if (override) return override;
  const spec = index().specs.get(key);
  if (!spec) return 'full';
  if (CLASS_ONLY_GROUPS.has(spec.group)) return 'class';
  if (spec.tips.includes('nondeterministic_output')) return 'class';
  if (spec.tips.includes('nondeterministic_output_order')) return 'unordered';
  return 'full';
}
