import type { Protocol } from './types.js';

/**
 * Every protocol a target may name: the generator that speaks it, the container ports that
 * suggest it when a target names none (an image's EXPOSE), and the URL scheme host workloads
 * get in SANDFUZZ_URL. The single source of protocol names.
 */
export const PROTOCOLS = {
  http: { generator: 'http', ports: [80, 8080, 8000, 443], scheme: 'http' },
  resp: { generator: 'redis', ports: [6379], scheme: 'redis' },
  postgres: { generator: 'postgres', ports: [5432], scheme: 'postgres' },
  tcp: { generator: 'tcp', ports: [], scheme: 'tcp' },
} as const satisfies Record<Protocol, { generator: string; ports: readonly number[]; scheme: string }>;

export const PROTOCOL_NAMES = Object.keys(PROTOCOLS) as Protocol[];

/** The protocol a well-known port suggests; tcp for any other. */
export function protocolOfPort(port: number): Protocol {
  for (const name of PROTOCOL_NAMES) if ((PROTOCOLS[name].ports as readonly number[]).includes(port)) return name;
  return 'tcp';
}

export interface EndpointGuess {
  readonly protocol: Protocol;
  readonly port: number;
  /** What was guessed and from what, for the user to read; undefined when nothing was guessed. */
  readonly guessed?: string;
}

/**
 * Fills in protocol and port from an image's exposed TCP ports. A port the target names wins; a
 * protocol it names picks the exposed port that protocol is known for; otherwise the first
 * exposed port of a known protocol (in the order of PROTOCOLS), else the lowest one, as tcp.
 * Undefined when nothing can be guessed (no EXPOSE and no port). Pure.
 */
export function guessEndpoint(exposed: readonly number[], protocol?: Protocol, port?: number): EndpointGuess | undefined {
  const ports = [...new Set(exposed)].sort((a, b) => a - b);
  if (port !== undefined) {
    if (protocol !== undefined) return { protocol, port };
    const p = protocolOfPort(port);
    return { protocol: p, port, guessed: `protocol ${p} from port ${port}` };
  }
  if (protocol !== undefined) {
    const known = ports.find((p) => (PROTOCOLS[protocol].ports as readonly number[]).includes(p));
    const pick = known ?? (ports.length === 1 ? ports[0] : undefined);
    return pick === undefined ? undefined : { protocol, port: pick, guessed: `port ${pick} from the image's EXPOSE ${ports.join(' ')}` };
  }
  for (const name of PROTOCOL_NAMES) {
    const hit = ports.find((p) => (PROTOCOLS[name].ports as readonly number[]).includes(p));
    if (hit !== undefined)
      return { protocol: name, port: hit, guessed: `protocol ${name} and port ${hit} from the image's EXPOSE ${ports.join(' ')}` };
  }
  if (ports.length === 0) return undefined;
  return { protocol: 'tcp', port: ports[0]!, guessed: `protocol tcp and port ${ports[0]} from the image's EXPOSE ${ports.join(' ')}` };
}
