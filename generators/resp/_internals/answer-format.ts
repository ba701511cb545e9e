import { createHash } from 'node:crypto';
import type { RespValue } from '../protocol/resp-value.js';

/**
 * How much of a reply an answer keeps. `full`: everything. `unordered`: elements compared as a
 * multiset (hash-table iteration order differs between two servers, their hash seeds are random).
 * `pairs`: a flat field/value list compared as a set of pairs. `ttl`: a positive integer is just
 * `pos` (remaining time shrinks while the run goes on). `class`: the reply type alone.
 */
export type AnswerPolicy = 'full' | 'unordered' | 'pairs' | 'ttl' | 'class';

const SHORT_TEXT = 72;
const SHORT_RENDERING = 64;
const PRINTABLE = /^[\x20-\x7e]*$/;

export function sha8(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** Text safe for a one-line answer: printable ASCII, short, with a digest when it had to be cut. */
function shortText(text: string, limit = SHORT_TEXT): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit && PRINTABLE.test(clean)) return clean;
  return `${clean.slice(0, limit).replace(/[^\x20-\x7e]/g, '?')}… #${sha8(text)}`;
}

function renderBytes(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return bytes.length <= 32 && PRINTABLE.test(text) ? JSON.stringify(text) : `$${bytes.length}#${sha8(bytes)}`;
}

/** A canonical, compact rendering of a whole value: the basis of digests and short displays. */
export function render(value: RespValue, policy: AnswerPolicy = 'full'): string {
  switch (value.type) {
    case 'simple':
      return `+${value.text}`;
    case 'error':
      return `-${value.text}`;
    case 'integer':
      return `:${value.text}`;
    case 'bulk':
    case 'verbatim':
      return renderBytes(value.bytes);
    case 'null':
      return '_';
    case 'double':
      return `,${value.text}`;
    case 'boolean':
      return value.value ? '#t' : '#f';
    case 'bignum':
      return `(${value.text}`;
    case 'array':
    case 'set':
    case 'push': {
      const open = value.type === 'array' ? '[' : value.type === 'set' ? '~[' : '>[';
      return `${open}${orderItems(
        value.items.map((v) => render(v)),
        policy,
      ).join(',')}]`;
    }
    case 'map': {
      const entries = value.entries.map(([k, v]) => `${render(k)}=${render(v)}`);
      return `{${(policy === 'full' ? entries : entries.sort()).join(',')}}`;
    }
  }
}

function orderItems(items: string[], policy: AnswerPolicy): string[] {
  if (policy === 'unordered') return items.sort();
  if (policy !== 'pairs') return items;
  const pairs: string[] = [];
  for (let i = 0; i < items.length; i += 2) pairs.push(`${items[i]}=${items[i + 1] ?? ''}`);
  return pairs.sort();
}

/** The state class of a reply: its RESP type byte, or `-` and the error code for errors. */
export function replyClass(value: RespValue): string {
  switch (value.type) {
    case 'simple':
      return '+';
    case 'error': {
      const code = /^([A-Z][A-Z_]*)(\s|$)/.exec(value.text);
      return code ? `-${code[1]}` : '-';
    }
    case 'integer':
      return ':';
    case 'bulk':
      return '$';
    case 'verbatim':
      return '=';
    case 'null':
      return '_';
    case 'double':
      return ',';
    case 'boolean':
      return '#';
    case 'bignum':
      return '(';
    case 'array':
      return '*';
    case 'set':
      return '~';
    case 'push':
      return '>';
    case 'map':
      return '%';
  }
}

/** `<class> <detail>` for one reply under a policy. */
export function formatReply(value: RespValue, policy: AnswerPolicy): string {
  const cls = replyClass(value);
  if (policy === 'class') return cls;
  switch (value.type) {
    case 'null':
      return cls;
    case 'error':
      return `${cls} ${shortText(value.text.slice(cls.length - 1))}`.trimEnd();
    case 'simple':
      return `${cls} ${shortText(value.text)}`;
    case 'integer':
      return policy === 'ttl' && !value.text.startsWith('-') && value.text !== '0' ? `${cls} pos` : `${cls} ${value.text}`;
    case 'array':
    case 'set':
    case 'push':
    case 'map': {
      const count = value.type === 'map' ? value.entries.length : value.items.length;
      return count === 0 ? `${cls} 0` : `${cls} ${count} ${compact(render(value, policy))}`;
    }
    default:
      return `${cls} ${render(value, policy)}`;
  }
}

/** A rendering short enough to show, or its digest. */
export function compact(rendering: string): string {
  return rendering.length <= SHORT_RENDERING ? rendering : `#${sha8(rendering)}`;
}

/** ` pushes=<n>#<digest>` for the pub/sub messages that came before a reply, or ''. */
export function pushesSuffix(pushes: readonly RespValue[]): string {
  if (pushes.length === 0) return '';
  return ` pushes=${pushes.length}#${sha8(pushes.map((p) => render(p)).join('\n'))}`;
}
