import type { SessionFlaw, StartupFlaw } from '../unit.js';
import {
  bindMessage,
  describeMessage,
  executeMessage,
  int32,
  message,
  parseMessage,
  PROTOCOL_3_0,
  queryMessage,
  startupBody,
  startupPacket,
  SYNC,
  T,
  TERMINATE,
} from './frontend-frames.js';

/** What the prober does once a flaw's bytes are written. */
export type FlawEnding =
  /** Read until the server closes or is ready again. */
  | 'read'
  /** Half-close the socket (the server sees EOF mid-message). */
  | 'half-close'
  /** Read until the first row arrives, then drop the connection. */
  | 'abandon';

export interface FlawBytes {
  readonly bytes: Buffer;
  readonly ending: FlawEnding;
}

const GOOD_PARAMS = [
  ['user', 'postgres'],
  ['database', 'postgres'],
  ['application_name', 'sandfuzz-raw'],
] as const;

/** A startup packet that works: user postgres, database postgres, optionally a walsender. */
export function goodStartup(replication: boolean): Buffer {
  const params: [string, string][] = GOOD_PARAMS.map(([k, v]) => [k, v]);
  if (replication) params.push(['replication', 'database']);
  return startupPacket(PROTOCOL_3_0, startupBody(params));
}

/** The bytes of a flawed startup packet. */
export function startupFlawBytes(flaw: StartupFlaw): FlawBytes {
  const good = startupBody(GOOD_PARAMS);
  switch (flaw.kind) {
    case 'length': {
      // A length the server can read a body for gets exactly that many bytes (cut or padded);
      // an impossible one (too small or over 10000) is sent with the real body.
      const plausible = flaw.length >= 8 && flaw.length <= 10_000;
      const body = plausible ? Buffer.concat([good, Buffer.alloc(flaw.length)]).subarray(0, flaw.length - 8) : good;
      return { bytes: Buffer.concat([int32(flaw.length), int32(PROTOCOL_3_0), body]), ending: plausible ? 'read' : 'half-close' };
    }
    case 'version':
      return { bytes: startupPacket((flaw.major << 16) | flaw.minor, good), ending: 'read' };
    case 'no-user':
      return { bytes: startupPacket(PROTOCOL_3_0, startupBody([['database', 'postgres']])), ending: 'read' };
    case 'unterminated':
      return { bytes: startupPacket(PROTOCOL_3_0, startupBody(GOOD_PARAMS, false)), ending: 'read' };
    case 'unknown-database':
      return {
        bytes: startupPacket(
          PROTOCOL_3_0,
          startupBody([
            ['user', 'postgres'],
            ['database', 'sf_no_such_database'],
          ]),
        ),
        ending: 'read',
      };
    case 'bad-option':
      return { bytes: startupPacket(PROTOCOL_3_0, startupBody([...GOOD_PARAMS, ['options', flaw.option]])), ending: 'read' };
    case 'truncated':
      return { bytes: startupPacket(PROTOCOL_3_0, good).subarray(0, flaw.keepBytes), ending: 'half-close' };
  }
}

/** The bytes of a flaw sent once a session is ready. */
export function sessionFlawBytes(flaw: SessionFlaw): FlawBytes {
  switch (flaw.kind) {
    case 'unknown-type':
      return { bytes: message(flaw.type), ending: 'read' };
    case 'short-length':
      return { bytes: Buffer.concat([Buffer.from([flaw.type]), int32(3)]), ending: 'read' };
    case 'oversized':
      return { bytes: Buffer.concat([Buffer.from([flaw.type]), int32(flaw.length)]), ending: 'read' };
    case 'truncated-parse': {
      const parse = parseMessage('sf_half', 'SELECT 1');
      return { bytes: parse.subarray(0, Math.floor(parse.length / 2)), ending: 'half-close' };
    }
    case 'abandon-big-result':
      return { bytes: queryMessage(`SELECT g, repeat('x', 100) FROM generate_series(1, ${flaw.rows}) g`), ending: 'abandon' };
    case 'bind-missing-statement':
      return { bytes: Buffer.concat([bindMessage('', 'sf_no_statement'), executeMessage('', 0), SYNC]), ending: 'read' };
    case 'execute-missing-portal':
      return { bytes: Buffer.concat([executeMessage('sf_no_portal', 0), SYNC]), ending: 'read' };
    case 'describe-bad-target':
      return { bytes: Buffer.concat([describeMessage(0x58, ''), SYNC]), ending: 'read' };
    case 'stray-copy-data':
      return { bytes: Buffer.concat([message(T.copyData, Buffer.from('junk\n')), message(T.copyDone), SYNC]), ending: 'read' };
    case 'invalid-utf8-query':
      return { bytes: queryMessage(Buffer.from([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xff, 0xfe, 0x27])), ending: 'read' };
    case 'terminate-then-query':
      return { bytes: Buffer.concat([TERMINATE, queryMessage('SELECT 1')]), ending: 'read' };
    case 'replication-command':
      return { bytes: queryMessage(flaw.command), ending: 'read' };
  }
}

/** Deterministic filler bytes for SSLRequest-then-garbage (xorshift32 of the seed). */
export function garbageBytes(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
