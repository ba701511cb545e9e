import type { HeaderPair, RawRequest } from '../unit.js';

/** The headers without any named `name` (case-insensitive). */
export function withoutHeader(headers: readonly HeaderPair[], name: string): HeaderPair[] {
  return headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
}

/** Whether the server closes the connection after answering this request. */
export function closesConnection(request: RawRequest): boolean {
  const connection = request.headers.find(([name]) => name.toLowerCase() === 'connection')?.[1]?.toLowerCase();
  return connection === 'close' || (request.version === 'HTTP/1.0' && connection !== 'keep-alive');
}

/**
 * The requests up to the first one after which the server closes the connection. Bytes written
 * past that point race the close: a server without lingering close (Node) resets the connection
 * with them unread and cuts the previous answers short, so the answers would depend on timing.
 */
function endAtConnectionClose(requests: readonly RawRequest[]): RawRequest[] {
  const closer = requests.findIndex(closesConnection);
  return closer < 0 ? [...requests] : requests.slice(0, closer + 1);
}

/** The requests with every `Connection: close` but the last one's removed, so all of them get sent. */
function closeOnlyAtEnd(requests: readonly RawRequest[]): RawRequest[] {
  return requests.map((request, i) =>
    i < requests.length - 1 && closesConnection(request) ? { ...request, headers: withoutHeader(request.headers, 'Connection') } : request,
  );
}

/**
 * Requests safe to write at once on one connection: `Connection: close` kept on the last one
 * only, and the sequence cut after any request that still closes (HTTP/1.0 without keep-alive).
 */
export function pipelineSafe(requests: readonly RawRequest[]): RawRequest[] {
  return endAtConnectionClose(closeOnlyAtEnd(requests));
}
