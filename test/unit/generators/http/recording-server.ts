import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Endpoint } from '../../../../generators/types.js';

/** A request as Node's HTTP server parsed it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyLength: number;
}

export interface RecordingServer {
  readonly endpoint: Endpoint;
  readonly seen: SeenRequest[];
  /** llhttp error codes of requests Node's parser refused (the server's 'clientError'). */
  readonly clientErrors: string[];
  openConnections(): number;
  /** Resolves true once every connection closed, false if some are still open after `ms`. */
  waitForNoConnections(ms: number): Promise<boolean>;
  /** Forgets what it saw so far. */
  clear(): void;
  close(): Promise<void>;
}

export const ETAG = '"recording-etag"';
export const LAST_MODIFIED = 'Sat, 01 Jan 2000 00:00:00 GMT';

/** A deterministic body for a URL: its size and bytes depend on the URL only. */
export function bodyFor(url: string): Buffer {
  if (url.startsWith('/big.bin')) return Buffer.alloc(1024 * 1024, 0x62);
  const digest = createHash('sha256').update(url).digest();
  return Buffer.alloc(digest.readUInt16BE(0) % 4096, digest);
}

/**
 * A node:http server on 127.0.0.1 that records every request and answers deterministically:
 * 304 when If-None-Match carries its ETag, chunked bodies under /dir (HTTP/1.1), Content-Length elsewhere.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const clientErrors: string[] = [];
  const sockets = new Set<Socket>();
  // Per socket: requests whose response is not finished, and a parse-error answer waiting for
  // them. The 400 goes out after the responses to every fully parsed request, as a server that
  // answers in order would; a request whose body the error cut short never gets its own answer.
  type Flight = { requests: Set<http.IncomingMessage>; afterwards: (() => void) | null };
  const inFlight = new Map<Socket, Flight>();
  const settle = (flight: Flight): void => {
    // req.complete turns true as soon as the parser finished the message, before its 'end' event.
    if (flight.afterwards && [...flight.requests].every((req) => !req.complete)) {
      const afterwards = flight.afterwards;
      flight.afterwards = null;
      afterwards();
    }
  };
  const server = http.createServer((req, res) => {
    const flight = inFlight.get(req.socket)!;
    flight.requests.add(req);
    res.on('close', () => {
      flight.requests.delete(req);
      settle(flight);
    });
    let bodyLength = 0;
    req.on('data', (chunk: Buffer) => (bodyLength += chunk.length));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ method: req.method ?? '', url, httpVersion: req.httpVersion, headers: req.headers, bodyLength });
      res.setHeader('ETag', ETAG);
      res.setHeader('Last-Modified', LAST_MODIFIED);
      if (req.headers['if-none-match']?.includes(ETAG)) {
        res.writeHead(304).end();
        return;
      }
      const body = bodyFor(url);
      // HTTP/1.0 has no chunked encoding: Node would fall back to closing the connection.
      if (url.startsWith('/dir') && req.httpVersion === '1.1') {
        res.writeHead(200);
        res.write(body.subarray(0, body.length >> 1));
        res.end(body.subarray(body.length >> 1));
      } else {
        res.writeHead(url.startsWith('/missing') ? 404 : 200, { 'Content-Length': body.length });
        res.end(body);
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    inFlight.set(socket, { requests: new Set(), afterwards: null });
    socket.on('close', () => {
      sockets.delete(socket);
      inFlight.delete(socket);
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    clientErrors.push(err.code ?? err.message);
    const refuse = (): void => {
      // Not writable: Node is already closing it after a `Connection: close` answer.
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    };
    const flight = inFlight.get(socket);
    if (!flight) return refuse();
    flight.afterwards = refuse;
    settle(flight);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { host: '127.0.0.1', port },
    seen,
    clientErrors,
    openConnections: () => sockets.size,
    async waitForNoConnections(ms) {
      const until = Date.now() + ms;
      while (sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      return sockets.size === 0;
    },
    clear() {
      seen.length = 0;
      clientErrors.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
