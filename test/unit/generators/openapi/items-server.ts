import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { Endpoint } from '../../../../generators/types.js';
import { fixture, validators } from './helpers.js';

/** The fixture items API, in memory: validates bodies and query, 201 with {id} and Location. */
export interface ItemsServer {
  readonly endpoint: Endpoint;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const DESCRIPTION = JSON.stringify(parseYaml(readFileSync(fixture('items-3.0.yaml'), 'utf8')));

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startItemsServer(): Promise<ItemsServer> {
  const validNewItem = validators('items-3.0.yaml')('doc#/components/schemas/NewItem');
  const items = new Map<string, unknown>();
  let next = 1;
  const requests: string[] = [];

  async function parsedItem(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
    const text = await readBody(req);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return (send(res, 415, { error: 'json only' }), null);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return (send(res, 400, { error: 'malformed' }), null);
    }
    if (!validNewItem(value)) return (send(res, 422, { error: 'invalid' }), null);
    return value as Record<string, unknown>;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method === 'GET' && url.pathname === '/openapi.json') return send(res, 200, JSON.parse(DESCRIPTION));
    if (req.method === 'GET' && url.pathname === '/v1/health') return send(res, 200, { ok: true });
    if (url.pathname === '/v1/items') {
      if (req.method === 'GET') {
        const limit = url.searchParams.get('limit');
        if (limit !== null && !/^(100|[1-9]\d?)$/.test(limit)) return send(res, 400, { error: 'limit' });
        const status = url.searchParams.get('status');
        if (status !== null && status !== 'available' && status !== 'sold') return send(res, 400, { error: 'status' });
        return send(
          res,
          200,
          [...items.entries()].map(([id, item]) => ({ id, ...(item as object) })),
        );
      }
      if (req.method === 'POST') {
        const item = await parsedItem(req, res);
        if (!item) return;
        const id = `itm-${next++}`;
        items.set(id, item);
        return send(res, 201, { id, ...item }, { location: `/v1/items/${id}` });
      }
    }
    const match = /^\/v1\/items\/([^/]+)$/.exec(url.pathname);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      if (req.method === 'GET')
        return items.has(id) ? send(res, 200, { id, ...(items.get(id) as object) }) : send(res, 404, { error: 'no such item' });
      if (req.method === 'DELETE') return items.delete(id) ? send(res, 204) : send(res, 404, { error: 'no such item' });
      if (req.method === 'PUT') {
        const item = await parsedItem(req, res);
        if (!item) return;
        if (!items.has(id)) return send(res, 404, { error: 'no such item' });
        items.set(id, item);
        return send(res, 200, { id, ...item });
      }
    }
    await readBody(req);
    send(res, 404, { error: 'no route' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'bug' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { host: '127.0.0.1', port },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server that accepts requests and never answers them. */
export async function startSilentServer(): Promise<{ endpoint: Endpoint; close(): Promise<void> }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { host: '127.0.0.1', port },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<Endpoint> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { host: '127.0.0.1', port };
}
