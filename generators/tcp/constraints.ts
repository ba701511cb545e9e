import { UsageError } from '../../src/shared/errors.js';
import { TCP_FAMILIES, type TcpFamily } from './unit.js';

/** What the TCP generator may produce. Every field is optional. */
export interface TcpConstraints {
  /**
   * Messages the service understands, recorded from a real client, e.g. `['stats\r\n',
   * 'version\r\n']`; sent as their UTF-8 bytes, beside the server's banner and built-in probes.
   * @defaultValue [] (the banner `prepare` records and the built-in probes only)
   */
  readonly messages?: readonly string[];
  /**
   * Most connections one unit opens at once (burst).
   * @defaultValue 8
   */
  readonly maxConnections?: number;
  /**
   * Largest random payload of one step, in bytes.
   * @defaultValue 65536
   */
  readonly maxBytes?: number;
  /**
   * Longest idle hold, in milliseconds: long enough for a server's idle or read timeout to fire,
   * short enough to fit a unit's budget.
   * @defaultValue 3000
   */
  readonly holdMs?: number;
  /**
   * Families to generate, without the `tcp:` prefix.
   * @defaultValue every family in TCP_FAMILIES
   */
  readonly families?: readonly TcpFamily[];
}

export type ResolvedTcpConstraints = Required<TcpConstraints>;

// A burst opens every connection at once; past a few hundred it measures the host's file
// descriptor limit and the listen backlog rather than the server.
const MAX_CONNECTIONS = 256;
// Steps are held in memory whole; a payload past this is a memory test of sandfuzz itself.
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveTcpConstraints(constraints: TcpConstraints = {}): ResolvedTcpConstraints {
  const resolved: ResolvedTcpConstraints = {
    messages: constraints.messages ?? [],
    maxConnections: constraints.maxConnections ?? 8,
    maxBytes: constraints.maxBytes ?? 64 * 1024,
    holdMs: constraints.holdMs ?? 3_000,
    families: constraints.families ?? TCP_FAMILIES,
  };
  if (!isIntegerIn(resolved.maxBytes, 1, MAX_PAYLOAD_BYTES)) {
    throw new UsageError(`tcp.maxBytes must be an integer from 1 to ${MAX_PAYLOAD_BYTES}`);
  }
  if (!Array.isArray(resolved.messages)) {
    throw new UsageError('tcp.messages must be a list of strings');
  }
  resolved.messages.forEach((message: unknown, index) => {
    if (typeof message !== 'string' || message.length === 0) {
      throw new UsageError(`tcp.messages entry ${index} must be a non-empty string`);
    }
    const bytes = Buffer.byteLength(message, 'utf8');
    if (bytes > resolved.maxBytes) {
      throw new UsageError(`tcp.messages entry ${index} is ${bytes} bytes, more than tcp.maxBytes (${resolved.maxBytes})`);
    }
  });
  if (!isIntegerIn(resolved.maxConnections, 1, MAX_CONNECTIONS)) {
    throw new UsageError(`tcp.maxConnections must be an integer from 1 to ${MAX_CONNECTIONS}`);
  }
  if (!isIntegerIn(resolved.holdMs, 1, Number.MAX_SAFE_INTEGER)) {
    throw new UsageError('tcp.holdMs must be a positive integer');
  }
  if (!Array.isArray(resolved.families) || resolved.families.length === 0) {
    throw new UsageError('tcp.families must name at least one family');
  }
  for (const family of resolved.families) {
    if (!(TCP_FAMILIES as readonly string[]).includes(family)) {
      throw new UsageError(`tcp.families entry '${String(family)}' is unknown (known: ${TCP_FAMILIES.join(', ')})`);
    }
  }
  return resolved;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
