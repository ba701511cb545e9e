import type { Endpoint } from '../../types.js';

/** `http://host:port`, with an IPv6 host in brackets. */
export function originOf(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `http://${host}:${endpoint.port}`;
}
