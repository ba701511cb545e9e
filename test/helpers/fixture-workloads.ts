import { createHash, pbkdf2Sync, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { BIG_FILE_SIZE, FIXTURES_DIR, goHttpSite, SITE_LAST_MODIFIED } from './fixture-images.js';

/**
 * Independent workloads for the fixture images: traffic written apart from sandfuzz's generators
 * (like independent-http.ts for nginx), checking every answer. Each returns how many exchanges it
 * made, how many failed at the transport (refused, reset, timed out: `errors`, the first ten also
 * described in `wrong`) and a line for every wrong answer. A healthy server gives
 * `errors: 0, wrong: []`; assert `wrong` first, it says what broke.
 */

/** Where a fixture's port is published (same shape as generators' Endpoint). */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface WorkloadResult {
  readonly requests: number;
  readonly errors: number;
  readonly wrong: string[];
}

const MAX_WRONG = 50;

class Tally {
  requests = 0;
  errors = 0;
  private readonly wrong: string[] = [];
  private dropped = 0;

  check(ok: boolean, what: string): boolean {
    if (!ok) this.note(what);
    return ok;
  }

  private note(what: string): void {
    if (this.wrong.length < MAX_WRONG) this.wrong.push(what);
    else this.dropped++;
  }

  /** Runs one exchange; a thrown transport error counts in `errors`, not as a wrong answer. */
  async attempt<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    this.requests++;
    try {
      return await work();
    } catch (err) {
      this.errors++;
      if (this.errors <= 10) this.note(`${what}: ${(err as Error).message}`);
      return undefined;
    }
  }

  result(): WorkloadResult {
    const wrong = this.dropped ? [...this.wrong, `... and ${this.dropped} more`] : [...this.wrong];
    return { requests: this.requests, errors: this.errors, wrong };
  }
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function http(
  endpoint: Endpoint,
  agent: Agent,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: endpoint.host, port: endpoint.port, method, path, agent, headers: opts.headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Sends raw bytes on a fresh connection; resolves with everything read until the server closes or goes quiet. */
function rawExchange(endpoint: Endpoint, bytes: string | Buffer, quietMs = 1_500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint.port, endpoint.host);
    const chunks: Buffer[] = [];
    const done = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.setTimeout(quietMs, done);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', done);
    socket.on('error', (err) => (chunks.length ? done() : reject(err)));
    socket.write(bytes);
  });
}

function statusLines(raw: string): string[] {
  return [...raw.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => m[1]!);
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

// --- go-http ------------------------------------------------------------------------------------

/**
 * An operator's traffic against go-http: every page and file, ranges (single, suffix, open,
 * multiple, unsatisfiable), HEAD, conditional GETs, directory redirects and listings, missing
 * paths, raw oddities (pipelining, HTTP/1.0, traversal, garbage), then many concurrent keep-alive
 * connections checking every body byte for byte.
 */
export async function goHttpWorkload(endpoint: Endpoint, opts: { connections?: number; perConnection?: number } = {}): Promise<WorkloadResult> {
  const t = new Tally();
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections ?? 16 });
  const site = new Map(goHttpSite().map((f) => [`/${f.path}`, f.data]));
  const file = (path: string): Buffer => site.get(path)!;
  const big = file('/files/1m.bin');
  const get = (path: string, headers?: Record<string, string>) =>
    t.attempt(`GET ${path}`, () => http(endpoint, agent, 'GET', path, headers ? { headers } : {}));

  try {
    // Pages and files, whole.
    for (const [path, served] of [
      ['/', '/index.html'],
      ['/about.html', '/about.html'],
      ['/docs/', '/docs/index.html'],
      ['/docs/guide.html', '/docs/guide.html'],
      ['/files/notes.txt', '/files/notes.txt'],
      ['/robots.txt', '/robots.txt'],
      ['/files/1m.bin', '/files/1m.bin'],
    ] as const) {
      const a = await get(path);
      if (!a) continue;
      t.check(a.status === 200, `GET ${path}: status ${a.status}, expected 200`);
      t.check(a.body.equals(file(served)), `GET ${path}: body differs from ${served} (${a.body.length} bytes)`);
      t.check(a.headers['last-modified'] === SITE_LAST_MODIFIED, `GET ${path}: Last-Modified ${a.headers['last-modified']}`);
      t.check(a.headers['x-served-by'] === 'go-http', `GET ${path}: no X-Served-By from config.json`);
    }
    const index = await get('/');
    if (index) t.check(/text\/html/.test(String(index.headers['content-type'])), `GET /: Content-Type ${index.headers['content-type']}`);
    // Every link of every page resolves.
    for (const page of ['/', '/about.html', '/docs/', '/docs/guide.html']) {
      const html = file(page.endsWith('/') ? `${page}index.html` : page).toString('utf8');
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        const target = new URL(href!, `http://x${page}`).pathname;
        const a = await get(target);
        if (a) t.check(a.status === 200, `link ${href} on ${page} -> ${target}: status ${a.status}`);
      }
    }

    // Redirects Go's FileServer answers with, and the listing of a folder without an index page.
    // Go cleans dot-dot paths with a redirect before the file system is ever asked.
    for (const [path, location] of [
      ['/docs', 'docs/'],
      ['/index.html', './'],
      ['/docs/index.html', './'],
      ['/%2e%2e/etc/passwd', '/etc/passwd'],
      ['/files/%2E%2E%2F%2E%2E%2Fetc/passwd', '/etc/passwd'],
      ['/docs/../about.html', '/about.html'],
    ] as const) {
      const a = await get(path);
      if (a)
        t.check(
          a.status === 301 && a.headers.location === location,
          `GET ${path}: ${a.status} to ${a.headers.location}, expected 301 to ${location}`,
        );
    }
    const listing = await get('/files/');
    if (listing) {
      const text = listing.body.toString('utf8');
      t.check(
        listing.status === 200 && text.includes('href="1m.bin"') && text.includes('href="notes.txt"'),
        `GET /files/: ${listing.status}, listing ${JSON.stringify(text.slice(0, 80))}`,
      );
    }
    const health = await get('/healthz');
    if (health)
      t.check(health.status === 200 && health.body.toString() === 'ok\n', `GET /healthz: ${health.status} ${JSON.stringify(health.body.toString())}`);

    // Ranges.
    const n = BIG_FILE_SIZE;
    for (const [range, start, end] of [
      ['bytes=100-199', 100, 199],
      ['bytes=-10', n - 10, n - 1],
      ['bytes=1048000-', 1048000, n - 1],
      ['bytes=0-0', 0, 0],
      ['bytes=1048570-2000000', 1048570, n - 1],
    ] as const) {
      const a = await get('/files/1m.bin', { range });
      if (!a) continue;
      t.check(a.status === 206, `Range ${range}: status ${a.status}`);
      t.check(a.headers['content-range'] === `bytes ${start}-${end}/${n}`, `Range ${range}: Content-Range ${a.headers['content-range']}`);
      t.check(a.body.equals(big.subarray(start, end + 1)), `Range ${range}: wrong ${a.body.length} bytes`);
    }
    const multi = await get('/files/1m.bin', { range: 'bytes=0-9,5000-5009' });
    if (multi) {
      const type = String(multi.headers['content-type']);
      const boundary = /boundary=([^;]+)/.exec(type)?.[1];
      t.check(multi.status === 206 && type.startsWith('multipart/byteranges') && boundary !== undefined, `multi-range: ${multi.status} ${type}`);
      const parts = boundary ? multi.body.toString('latin1').split(`--${boundary}`) : [];
      t.check(
        parts.some((p) => p.includes(`Content-Range: bytes 0-9/${n}`) && p.includes(big.subarray(0, 10).toString('latin1'))),
        'multi-range: part 0-9 missing or wrong',
      );
      t.check(
        parts.some((p) => p.includes(`Content-Range: bytes 5000-5009/${n}`) && p.includes(big.subarray(5000, 5010).toString('latin1'))),
        'multi-range: part 5000-5009 missing or wrong',
      );
    }
    const unsatisfiable = await get('/files/1m.bin', { range: 'bytes=2000000-' });
    if (unsatisfiable)
      t.check(
        unsatisfiable.status === 416 && unsatisfiable.headers['content-range'] === `bytes */${n}`,
        `unsatisfiable range: ${unsatisfiable.status} ${unsatisfiable.headers['content-range']}`,
      );
    const ifRange = await get('/files/1m.bin', { range: 'bytes=10-19', 'if-range': SITE_LAST_MODIFIED });
    if (ifRange) t.check(ifRange.status === 206 && ifRange.body.equals(big.subarray(10, 20)), `If-Range (current date): ${ifRange.status}`);
    const staleIfRange = await get('/files/1m.bin', { range: 'bytes=10-19', 'if-range': 'Sun, 01 Jan 2023 00:00:00 GMT' });
    if (staleIfRange)
      t.check(staleIfRange.status === 200 && staleIfRange.body.length === n, `If-Range (old date): ${staleIfRange.status}, expected the whole file`);

    // Conditional requests.
    const notModified = await get('/about.html', { 'if-modified-since': SITE_LAST_MODIFIED });
    if (notModified) t.check(notModified.status === 304 && notModified.body.length === 0, `If-Modified-Since: ${notModified.status}`);
    const modified = await get('/about.html', { 'if-modified-since': 'Sun, 01 Jan 2023 00:00:00 GMT' });
    if (modified) t.check(modified.status === 200, `If-Modified-Since (older): ${modified.status}`);
    const unmodifiedSince = await get('/about.html', { 'if-unmodified-since': 'Sun, 01 Jan 2023 00:00:00 GMT' });
    if (unmodifiedSince) t.check(unmodifiedSince.status === 412, `If-Unmodified-Since (older): ${unmodifiedSince.status}, expected 412`);

    // HEAD and missing paths.
    const head = await t.attempt('HEAD /files/1m.bin', () => http(endpoint, agent, 'HEAD', '/files/1m.bin'));
    if (head)
      t.check(
        head.status === 200 && head.headers['content-length'] === String(n) && head.body.length === 0,
        `HEAD /files/1m.bin: ${head.status} length ${head.headers['content-length']}`,
      );
    for (const path of ['/nope', '/docs/missing.html', '/files/1m.bin/x', '/etc/passwd', '/go-http']) {
      for (const method of ['GET', 'HEAD']) {
        const a = await t.attempt(`${method} ${path}`, () => http(endpoint, agent, method, path));
        if (a) t.check(a.status === 404, `${method} ${path}: status ${a.status}, expected 404`);
      }
    }

    // Raw requests no HTTP client library would send.
    const raw = async (what: string, bytes: string, expected: string[]): Promise<void> => {
      const answer = await t.attempt(`raw ${what}`, () => rawExchange(endpoint, bytes));
      if (answer !== undefined)
        t.check(
          statusLines(answer).join(',') === expected.join(','),
          `raw ${what}: statuses ${statusLines(answer).join(',') || 'none'}, expected ${expected.join(',')}`,
        );
    };
    await raw('HTTP/1.0', 'GET /robots.txt HTTP/1.0\r\n\r\n', ['200']);
    await raw(
      'pipelined',
      'GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /about.html HTTP/1.1\r\nHost: x\r\n\r\nHEAD /files/1m.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ['200', '200', '200'],
    );
    await raw('dot-dot path', 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', ['301']);
    await raw('no Host', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', ['400']);
    await raw('garbage', 'GARBAGE\r\n\r\n', ['400']);
    await raw('huge header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1_100_000)}\r\n\r\n`, ['431']);

    // Concurrent keep-alive connections, each a shuffled mix of whole files and ranges.
    const connections = opts.connections ?? 16;
    const perConnection = opts.perConnection ?? 40;
    // URLs, not files: Go answers /index.html with a redirect to ./ .
    const paths = [...site.keys()].map((p) => p.replace(/index\.html$/, ''));
    const fileAt = (url: string): Buffer => file(url.endsWith('/') ? `${url}index.html` : url);
    await Promise.all(
      Array.from({ length: connections }, async (_, c) => {
        for (let i = 0; i < perConnection; i++) {
          const path = paths[(c * 7 + i * 3) % paths.length]!;
          const ranged = path === '/files/1m.bin' && i % 2 === 0;
          const start = (c * 4099 + i * 131) % (n - 4096);
          const a = await get(path, ranged ? { range: `bytes=${start}-${start + 4095}` } : undefined);
          if (!a) continue;
          const expected = ranged ? big.subarray(start, start + 4096) : fileAt(path);
          t.check(
            a.status === (ranged ? 206 : 200) && sha(a.body) === sha(expected),
            `concurrent ${path}${ranged ? ` range ${start}` : ''}: ${a.status}, ${a.body.length} bytes`,
          );
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return t.result();
}

// --- py-api -------------------------------------------------------------------------------------

interface Item {
  id: number;
  name: string;
  price: number;
  quantity: number;
  category: string;
  tags: string[];
}
type ItemInput = Omit<Item, 'id' | 'tags'> & { tags?: string[] };

const CATEGORIES = ['tools', 'food', 'books', 'toys'] as const;

/**
 * A client session against py-api that follows its OpenAPI description: CRUD on items (edge values
 * included), paging and filtering, reports in every format, sort key and compression, a few
 * concurrent writers; then invalid requests (each must be refused with the documented status and
 * change nothing), and everything created deleted again.
 */
export async function pyApiWorkload(endpoint: Endpoint): Promise<WorkloadResult> {
  const t = new Tally();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: unknown; headers: IncomingHttpHeaders } | undefined> => {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const a = await t.attempt(`${method} ${path}`, () =>
      http(endpoint, agent, method, path, {
        headers: { accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { body: payload } : {}),
      }),
    );
    if (!a) return undefined;
    let json: unknown;
    try {
      json = a.body.length ? JSON.parse(a.body.toString('utf8')) : undefined;
    } catch {
      t.check(false, `${method} ${path}: answer is not JSON: ${JSON.stringify(a.body.toString('utf8').slice(0, 80))}`);
    }
    return { status: a.status, json, headers: a.headers };
  };
  const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);
  const listAll = async (category?: string): Promise<Item[]> => {
    const all: Item[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await call('GET', `/items?limit=100&offset=${offset}${category ? `&category=${category}` : ''}`);
      if (!page || !t.check(page.status === 200 && Array.isArray(page.json), `list offset ${offset}: ${page?.status}`)) return all;
      all.push(...(page.json as Item[]));
      if ((page.json as Item[]).length < 100) return all;
    }
  };

  const run = Date.now().toString(36);
  const created: Item[] = [];
  try {
    const health = await call('GET', '/health');
    t.check(health?.status === 200 && same(health.json, { status: 'ok' }), `GET /health: ${health?.status} ${JSON.stringify(health?.json)}`);
    const spec = (await call('GET', '/openapi.json'))?.json as { openapi?: string; paths?: Record<string, unknown> } | undefined;
    t.check(
      spec?.openapi === '3.0.3' && same(Object.keys(spec.paths ?? {}).sort(), ['/health', '/items', '/items/{id}', '/reports']),
      'GET /openapi.json: not the description',
    );

    // Create: ordinary and edge values, every category.
    const inputs: ItemInput[] = [
      { name: `hammer ${run}`, price: 12.5, quantity: 3, category: 'tools', tags: ['steel', 'hand'] },
      { name: `bread ${run}`, price: 2, quantity: 30, category: 'food' },
      { name: 'x'.repeat(64), price: 0, quantity: 0, category: 'books', tags: [] },
      {
        name: `ünïcødé ✓ ${run}`,
        price: 1_000_000,
        quantity: 10_000,
        category: 'toys',
        tags: Array.from({ length: 8 }, (_, i) => `t${i}`.padEnd(32, '-')),
      },
      { name: 'a, b\tc "quoted"', price: 0.01, quantity: 1, category: 'tools', tags: ['comma,tab\t'] },
      ...Array.from(
        { length: 10 },
        (_, i): ItemInput => ({ name: `bulk ${run} ${i}`, price: (i * 37) % 101, quantity: i, category: CATEGORIES[i % 4]! }),
      ),
    ];
    for (const input of inputs) {
      const a = await call('POST', '/items', input);
      if (!a || !t.check(a.status === 201, `POST /items ${input.name.slice(0, 20)}: ${a?.status} ${JSON.stringify(a?.json)}`)) continue;
      const item = a.json as Item;
      t.check(
        Number.isInteger(item.id) && same(item, { id: item.id, ...input, tags: input.tags ?? [] }),
        `POST /items: answered ${JSON.stringify(item)}`,
      );
      t.check(a.headers.location === `/items/${item.id}`, `POST /items: Location ${a.headers.location}`);
      created.push(item);
    }
    // quantity 3.0 is a JSON Schema integer.
    const integral = await call('POST', '/items', `{"name":"integral ${run}","price":1,"quantity":3.0,"category":"food"}`);
    if (integral && t.check(integral.status === 201, `POST /items with quantity 3.0: ${integral.status}`)) {
      created.push(integral.json as Item);
      t.check((integral.json as Item).quantity === 3, 'quantity 3.0 not stored as 3');
    }

    // Read back, one by one and by category.
    for (const item of created) {
      const a = await call('GET', `/items/${item.id}`);
      t.check(a?.status === 200 && same(a.json, item), `GET /items/${item.id}: ${a?.status} ${JSON.stringify(a?.json)}`);
    }
    for (const category of CATEGORIES) {
      const listed = await listAll(category);
      t.check(
        listed.every((i) => i.category === category),
        `GET /items?category=${category}: other categories`,
      );
      for (const item of created.filter((i) => i.category === category)) {
        t.check(
          listed.some((i) => same(i, item)),
          `GET /items?category=${category}: item ${item.id} missing`,
        );
      }
      const ids = listed.map((i) => i.id);
      t.check(
        same(
          ids,
          [...ids].sort((a, b) => a - b),
        ),
        `GET /items?category=${category}: not in id order`,
      );
    }
    const small = await call('GET', '/items?limit=2&offset=1');
    t.check(small?.status === 200 && Array.isArray(small.json) && (small.json as unknown[]).length <= 2, `GET /items?limit=2: ${small?.status}`);

    // Replace some.
    for (const item of created.slice(0, 4)) {
      const next: Item = {
        id: item.id,
        name: `${item.name.slice(0, 50)} v2`,
        price: item.price / 2,
        quantity: Math.min(item.quantity + 1, 10_000),
        category: 'books',
        tags: ['v2'],
      };
      const { id: _id, ...body } = next;
      const a = await call('PUT', `/items/${item.id}`, body);
      t.check(a?.status === 200 && same(a.json, next), `PUT /items/${item.id}: ${a?.status} ${JSON.stringify(a?.json)}`);
      const back = await call('GET', `/items/${item.id}`);
      t.check(back?.status === 200 && same(back.json, next), `GET after PUT /items/${item.id}: ${JSON.stringify(back?.json)}`);
      Object.assign(item, next);
    }

    // Reports: every format, key and compression; rows match what the list says.
    for (const [i, format] of (['csv', 'tsv'] as const).entries()) {
      for (const sortBy of ['name', 'price', 'quantity'] as const) {
        const compress = (i + sortBy.length) % 2 === 0;
        const category = CATEGORIES[(i + sortBy.length) % 4]!;
        const expectedRows = (await listAll(category)).length;
        const body = { format, sort_by: sortBy, category, ...(compress ? { compress: true } : {}) };
        const a = await call('POST', '/reports', body);
        const report = a?.json as { name: string; rows: number; bytes: number; compressed: boolean } | undefined;
        const suffix = `.${format}${compress ? '.gz' : ''}`;
        t.check(
          a?.status === 201 &&
            report !== undefined &&
            report.name.endsWith(suffix) &&
            /^report-\d+-\d{6}\./.test(report.name) &&
            report.rows === expectedRows &&
            report.bytes > 0 &&
            report.compressed === compress,
          `POST /reports ${JSON.stringify(body)}: ${a?.status} ${JSON.stringify(report)}, expected ${expectedRows} rows`,
        );
      }
    }
    const all = await call('POST', '/reports', { format: 'csv', sort_by: 'price' });
    t.check(
      all?.status === 201 && (all.json as { rows: number }).rows === (await listAll()).length,
      `POST /reports (all): ${JSON.stringify(all?.json)}`,
    );

    // Concurrent writers: each creates, replaces and deletes its own item.
    await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        const input: ItemInput = { name: `writer ${run} ${w}`, price: w, quantity: w, category: CATEGORIES[w % 4]!, tags: [`w${w}`] };
        const a = await call('POST', '/items', input);
        if (!a || !t.check(a.status === 201, `concurrent POST ${w}: ${a?.status}`)) return;
        const id = (a.json as Item).id;
        const put = await call('PUT', `/items/${id}`, { ...input, quantity: 100 + w });
        t.check(put?.status === 200 && (put.json as Item).quantity === 100 + w, `concurrent PUT ${w}: ${put?.status}`);
        const del = await call('DELETE', `/items/${id}`);
        t.check(del?.status === 204, `concurrent DELETE ${w}: ${del?.status}`);
      }),
    );

    // Invalid requests: refused with the documented status, nothing changed.
    const before = await listAll();
    const victim = created[0];
    const base: ItemInput = { name: 'valid', price: 1, quantity: 1, category: 'tools' };
    const refused: Array<[string, string, unknown, number, Record<string, string>?]> = [
      ['POST', '/items', { price: 1, quantity: 1, category: 'tools' }, 422],
      ['POST', '/items', { ...base, name: '' }, 422],
      ['POST', '/items', { ...base, name: 'x'.repeat(65) }, 422],
      ['POST', '/items', { ...base, name: 42 }, 422],
      ['POST', '/items', { ...base, price: -0.01 }, 422],
      ['POST', '/items', { ...base, price: 1_000_000.5 }, 422],
      ['POST', '/items', { ...base, price: '1' }, 422],
      ['POST', '/items', { ...base, quantity: 1.5 }, 422],
      ['POST', '/items', { ...base, quantity: true }, 422],
      ['POST', '/items', { ...base, quantity: 10_001 }, 422],
      ['POST', '/items', { ...base, category: 'cars' }, 422],
      ['POST', '/items', { ...base, tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }, 422],
      ['POST', '/items', { ...base, tags: [''] }, 422],
      ['POST', '/items', { ...base, tags: 'one' }, 422],
      ['POST', '/items', { ...base, id: 5 }, 422],
      ['POST', '/items', [base], 422],
      ['POST', '/items', 'null', 422],
      ['POST', '/items', '{"name": "x", ', 400],
      ['POST', '/items', '{"name":"x","price":NaN,"quantity":1,"category":"tools"}', 400],
      ['POST', '/items', '{"name":"\\ud800","price":1,"quantity":1,"category":"tools"}', 400],
      ['POST', '/items', JSON.stringify(base), 400, { 'content-type': 'text/plain' }],
      ['POST', '/items', JSON.stringify({ ...base, name: 'x'.repeat(70_000) }), 413],
      ['PUT', `/items/${victim?.id ?? 1}`, { ...base, quantity: -1 }, 422],
      ['PUT', `/items/${victim?.id ?? 1}`, '[', 400],
      ['PUT', '/items/9007199254740991', base, 404],
      ['PUT', '/items/0', base, 400],
      ['GET', '/items/0', undefined, 400],
      ['GET', '/items/abc', undefined, 400],
      ['GET', '/items/-1', undefined, 400],
      ['GET', '/items/9007199254740992', undefined, 400],
      ['GET', '/items/9007199254740991', undefined, 404],
      ['GET', '/items?limit=0', undefined, 400],
      ['GET', '/items?limit=101', undefined, 400],
      ['GET', '/items?offset=-1', undefined, 400],
      ['GET', '/items?category=cars', undefined, 400],
      ['DELETE', '/items/9007199254740991', undefined, 404],
      ['DELETE', '/items/x', undefined, 400],
      ['POST', '/reports', { format: 'pdf', sort_by: 'name' }, 422],
      ['POST', '/reports', { format: 'csv' }, 422],
      ['POST', '/reports', { format: 'csv', sort_by: 'id' }, 422],
      ['POST', '/reports', { format: 'csv', sort_by: 'name', compress: 'yes' }, 422],
      ['POST', '/reports', { format: 'csv', sort_by: 'name', category: 'cars' }, 422],
      ['POST', '/reports', { format: 'csv', sort_by: 'name', extra: 1 }, 422],
      ['POST', '/reports', 'format=csv', 400, { 'content-type': 'application/x-www-form-urlencoded' }],
      ['PATCH', `/items/${victim?.id ?? 1}`, base, 405],
      ['DELETE', '/items', undefined, 405],
      ['GET', '/reports', undefined, 405],
      ['GET', '/nope', undefined, 404],
    ];
    for (const [method, path, body, status, headers] of refused) {
      const a = await call(method, path, body, headers);
      const what = `${method} ${path} ${typeof body === 'string' ? body.slice(0, 40) : JSON.stringify(body)?.slice(0, 60)}`;
      if (a)
        t.check(
          a.status === status && typeof (a.json as { error?: unknown })?.error === 'string',
          `${what}: ${a.status} ${JSON.stringify(a.json)?.slice(0, 80)}, expected ${status} with an error`,
        );
    }
    const after = await listAll();
    t.check(same(after, before), `invalid requests changed the items (${before.length} before, ${after.length} after)`);

    // Delete everything this session made.
    for (const item of created.splice(0)) {
      const a = await call('DELETE', `/items/${item.id}`);
      t.check(a?.status === 204 && a.json === undefined, `DELETE /items/${item.id}: ${a?.status}`);
      const gone = await call('GET', `/items/${item.id}`);
      t.check(gone?.status === 404, `GET after DELETE /items/${item.id}: ${gone?.status}`);
      const again = await call('DELETE', `/items/${item.id}`);
      t.check(again?.status === 404, `DELETE again /items/${item.id}: ${again?.status}`);
    }
  } finally {
    // A session cut short still leaves the database as it found it.
    for (const item of created) await call('DELETE', `/items/${item.id}`).catch(() => undefined);
    agent.destroy();
  }
  return t.result();
}

// --- memcached ----------------------------------------------------------------------------------

/** A buffered reader on a socket: lines (CRLF) and byte counts, the way memcached answers. */
class Wire {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (c: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, c]);
      this.wake();
    });
    socket.on('error', (err) => {
      this.failure = err;
      this.wake();
    });
    socket.on('close', () => {
      this.failure ??= new Error('connection closed');
      this.wake();
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('memcached answer timed out')));
  }

  static open(endpoint: Endpoint): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = connect(endpoint.port, endpoint.host);
      socket.once('connect', () => resolve(new Wire(socket)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.waiter = r));
    }
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  async line(): Promise<string> {
    await this.until(() => this.buffer.indexOf('\r\n') >= 0);
    const end = this.buffer.indexOf('\r\n');
    const text = this.buffer.subarray(0, end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 2);
    return text;
  }

  async bytes(n: number): Promise<Buffer> {
    await this.until(() => this.buffer.length >= n);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return Buffer.from(out);
  }

  close(): void {
    this.socket.destroy();
  }
}

interface Value {
  key: string;
  flags: number;
  data: Buffer;
  cas?: string;
}

/** Reads VALUE blocks up to END (get, gets, gat). */
async function readValues(wire: Wire): Promise<Value[] | string> {
  const values: Value[] = [];
  for (;;) {
    const line = await wire.line();
    if (line === 'END') return values;
    const m = /^VALUE (\S+) (\d+) (\d+)(?: (\d+))?$/.exec(line);
    if (!m) return line;
    const data = await wire.bytes(Number(m[3]));
    if ((await wire.line()) !== '') return 'data block not followed by CRLF';
    values.push({ key: m[1]!, flags: Number(m[2]), data, ...(m[4] ? { cas: m[4] } : {}) });
  }
}

/**
 * An application's use of memcached over raw TCP, text protocol (classic and meta commands) and
 * binary protocol: storage commands, CAS, counters, touch/gat, multi-get, large and oversized
 * values, noreply, stats, verbosity and flush_all; then concurrent connections doing sets and gets.
 */
export async function memcachedWorkload(endpoint: Endpoint, opts: { connections?: number; perConnection?: number } = {}): Promise<WorkloadResult> {
  const t = new Tally();
  const run = Date.now().toString(36);
  const k = (name: string): string => `sf:${run}:${name}`;

  const wire = await t.attempt('connect', () => Wire.open(endpoint));
  if (!wire) return t.result();
  const line = async (what: string, command: string, expected: string | RegExp): Promise<string | undefined> => {
    const got = await t.attempt(what, async () => {
      wire.write(command);
      return wire.line();
    });
    if (got !== undefined)
      t.check(typeof expected === 'string' ? got === expected : expected.test(got), `${what}: ${JSON.stringify(got)}, expected ${expected}`);
    return got;
  };
  const values = async (what: string, command: string): Promise<Value[]> => {
    const got = await t.attempt(what, async () => {
      wire.write(command);
      return readValues(wire);
    });
    if (typeof got === 'string') t.check(false, `${what}: ${JSON.stringify(got)}`);
    return Array.isArray(got) ? got : [];
  };
  const one = async (what: string, key: string, expected: { flags: number; data: string | Buffer } | undefined): Promise<void> => {
    const got = await values(what, `get ${key}\r\n`);
    if (expected === undefined) t.check(got.length === 0, `${what}: ${got.length} values, expected none`);
    else {
      const data = typeof expected.data === 'string' ? Buffer.from(expected.data, 'latin1') : expected.data;
      t.check(
        got.length === 1 && got[0]!.key === key && got[0]!.flags === expected.flags && got[0]!.data.equals(data),
        `${what}: ${JSON.stringify(got.map((v) => [v.key, v.flags, v.data.length]))}`,
      );
    }
  };
  const store = (verb: string, key: string, flags: number, exptime: number, data: string, extra = ''): string =>
    `${verb} ${key} ${flags} ${exptime} ${Buffer.byteLength(data, 'latin1')}${extra}\r\n${data}\r\n`;

  try {
    await line('version', 'version\r\n', /^VERSION 1\.6\.\d+$/);

    // Storage commands.
    await line('set', store('set', k('a'), 42, 0, 'hello'), 'STORED');
    await one('get after set', k('a'), { flags: 42, data: 'hello' });
    await line('add existing', store('add', k('a'), 0, 0, 'x'), 'NOT_STORED');
    await line('add new', store('add', k('b'), 1, 0, 'bee'), 'STORED');
    await line('replace existing', store('replace', k('b'), 2, 0, 'BEE'), 'STORED');
    await line('replace missing', store('replace', k('missing'), 0, 0, 'x'), 'NOT_STORED');
    await line('append', store('append', k('a'), 0, 0, ' world'), 'STORED');
    await line('prepend', store('prepend', k('a'), 0, 0, '>> '), 'STORED');
    await one('get after append/prepend', k('a'), { flags: 42, data: '>> hello world' });
    await line('append missing', store('append', k('missing'), 0, 0, 'x'), 'NOT_STORED');
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await line(
      'set binary-safe value',
      Buffer.concat([Buffer.from(`set ${k('bin')} 0 0 256\r\n`), binary, Buffer.from('\r\n')]).toString('latin1'),
      'STORED',
    );
    await one('get binary-safe value', k('bin'), { flags: 0, data: binary });

    // Multi-get, CAS.
    const multi = await values('multi-get', `get ${k('a')} ${k('missing')} ${k('b')}\r\n`);
    t.check(multi.map((v) => v.key).join(' ') === `${k('a')} ${k('b')}`, `multi-get: ${multi.map((v) => v.key).join(' ')}`);
    const [withCas] = await values('gets', `gets ${k('b')}\r\n`);
    t.check(withCas?.cas !== undefined, 'gets: no CAS unique');
    if (withCas?.cas) {
      await line('cas current', store('cas', k('b'), 3, 0, 'new', ` ${withCas.cas}`), 'STORED');
      await line('cas stale', store('cas', k('b'), 3, 0, 'newer', ` ${withCas.cas}`), 'EXISTS');
      await line('cas missing', store('cas', k('missing'), 0, 0, 'x', ' 1'), 'NOT_FOUND');
      await one('get after cas', k('b'), { flags: 3, data: 'new' });
    }

    // Counters.
    await line('set counter', store('set', k('n'), 0, 0, '10'), 'STORED');
    await line('incr', `incr ${k('n')} 5\r\n`, '15');
    await line('decr', `decr ${k('n')} 3\r\n`, '12');
    await line('decr below zero', `decr ${k('n')} 100\r\n`, '0');
    await line('incr wraps at 2^64', `incr ${k('n')} 18446744073709551615\r\n`, '18446744073709551615');
    await line('incr past 2^64', `incr ${k('n')} 2\r\n`, '1');
    await line('incr missing', `incr ${k('missing')} 1\r\n`, 'NOT_FOUND');
    await line('incr non-numeric', `incr ${k('a')} 1\r\n`, 'CLIENT_ERROR cannot increment or decrement non-numeric value');

    // Expiry: touch, gat, an item that expires.
    await line('touch', `touch ${k('a')} 600\r\n`, 'TOUCHED');
    await line('touch missing', `touch ${k('missing')} 600\r\n`, 'NOT_FOUND');
    const gat = await values('gat', `gat 600 ${k('a')}\r\n`);
    t.check(gat.length === 1 && gat[0]!.data.toString('latin1') === '>> hello world', 'gat: wrong value');
    await line('set expiring', store('set', k('short'), 0, 1, 'soon gone'), 'STORED');
    await new Promise((r) => setTimeout(r, 2_100));
    await one('get expired', k('short'), undefined);

    // Large values: 512 KiB fits (item size max 1 MiB), 2 MiB does not.
    const large = Buffer.alloc(512 * 1024, 'L');
    await line(
      'set 512 KiB',
      Buffer.concat([Buffer.from(`set ${k('large')} 7 0 ${large.length}\r\n`), large, Buffer.from('\r\n')]).toString('latin1'),
      'STORED',
    );
    await one('get 512 KiB', k('large'), { flags: 7, data: large });
    const huge = 'H'.repeat(2 * 1024 * 1024);
    await line('set 2 MiB', store('set', k('huge'), 0, 0, huge), 'SERVER_ERROR object too large for cache');

    // noreply: no answer at all; the next command's answer comes next.
    await t.attempt('noreply', async () => wire.write(store('set', k('quiet'), 0, 0, 'shh', ' noreply') + `delete ${k('missing')} noreply\r\n`));
    await one('get after noreply set', k('quiet'), { flags: 0, data: 'shh' });

    // Deletes.
    await line('delete', `delete ${k('b')}\r\n`, 'DELETED');
    await line('delete again', `delete ${k('b')}\r\n`, 'NOT_FOUND');
    await one('get deleted', k('b'), undefined);

    // Meta commands (1.6).
    await line('ms', `ms ${k('meta')} 4 T0 F5\r\nmeta\r\n`, 'HD');
    const mg = await t.attempt('mg', async () => {
      wire.write(`mg ${k('meta')} v f s\r\n`);
      const head = await wire.line();
      const data = head.startsWith('VA ') ? (await wire.bytes(Number(head.split(' ')[1]))).toString('latin1') : '';
      if (head.startsWith('VA ')) await wire.line();
      return { head, data };
    });
    if (mg) t.check(/^VA 4 .*f5/.test(mg.head) && / s4/.test(mg.head) && mg.data === 'meta', `mg: ${JSON.stringify(mg)}`);
    const ma = await t.attempt('ma', async () => {
      wire.write(`ma ${k('n')} D7 v\r\n`);
      return [await wire.line(), await wire.line()];
    });
    // The counter was 1: plus 7.
    if (ma) t.check(ma[0] === 'VA 1' && ma[1] === '8', `ma: ${JSON.stringify(ma)}`);
    await line('md', `md ${k('meta')}\r\n`, 'HD');
    await line('mg missing', `mg ${k('meta')} v\r\n`, 'EN');
    await line('mn', 'mn\r\n', 'MN');

    // Errors in the protocol itself.
    await line('unknown command', 'frobnicate\r\n', 'ERROR');
    await line('bad data chunk', `set ${k('bad')} 0 0 2\r\ntoolong\r\n`, 'CLIENT_ERROR bad data chunk');
    await t.attempt('resync', async () => {
      // The rest of the bad chunk is read as a command.
      wire.write('version\r\n');
      for (let i = 0; i < 3 && !(await wire.line()).startsWith('VERSION'); i++);
    });

    // Administration.
    for (const which of ['', ' settings', ' slabs', ' items', ' sizes', ' conns']) {
      const got = await t.attempt(`stats${which}`, async () => {
        wire.write(`stats${which}\r\n`);
        const lines: string[] = [];
        for (let l = await wire.line(); l !== 'END'; l = await wire.line()) lines.push(l);
        return lines;
      });
      if (got)
        t.check(
          got.every((l) => l.startsWith('STAT ')) && (which !== '' || got.some((l) => l.startsWith('STAT curr_items '))),
          `stats${which}: ${got.slice(0, 2).join(' | ')}`,
        );
    }
    await line('verbosity', 'verbosity 1\r\n', 'OK');
    await line('flush_all', 'flush_all\r\n', 'OK');
    await one('get after flush_all', k('a'), undefined);
    await line('flush_all delayed', 'flush_all 0\r\n', 'OK');

    // Binary protocol on a connection of its own: NOOP, VERSION, a GET of a missing key.
    const bin = await t.attempt('binary connect', () => Wire.open(endpoint));
    if (bin) {
      try {
        const header = (opcode: number, key: string, opaque: number): Buffer => {
          const h = Buffer.alloc(24 + key.length);
          h[0] = 0x80;
          h[1] = opcode;
          h.writeUInt16BE(key.length, 2);
          h.writeUInt32BE(key.length, 8);
          h.writeUInt32BE(opaque, 12);
          h.write(key, 24, 'latin1');
          return h;
        };
        for (const [what, opcode, key, status] of [
          ['binary NOOP', 0x0a, '', 0],
          ['binary VERSION', 0x0b, '', 0],
          ['binary GET missing', 0x00, k('nothing'), 1],
        ] as const) {
          const answer = await t.attempt(what, async () => {
            bin.write(header(opcode, key, opcode + 100));
            const h = await bin.bytes(24);
            const body = await bin.bytes(h.readUInt32BE(8));
            return { magic: h[0], opcode: h[1], status: h.readUInt16BE(6), opaque: h.readUInt32BE(12), body };
          });
          if (answer)
            t.check(
              answer.magic === 0x81 && answer.opcode === opcode && answer.status === status && answer.opaque === opcode + 100,
              `${what}: ${JSON.stringify({ ...answer, body: answer.body.toString('latin1').slice(0, 30) })}`,
            );
        }
      } finally {
        bin.close();
      }
    }
  } finally {
    wire.close();
  }

  // Concurrent connections, each its own keys.
  const connections = opts.connections ?? 8;
  const perConnection = opts.perConnection ?? 100;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const w = await t.attempt(`connect ${c}`, () => Wire.open(endpoint));
      if (!w) return;
      try {
        for (let i = 0; i < perConnection; i++) {
          const key = k(`c${c}:${i % 25}`);
          const data = `${c}:${i}:${'v'.repeat((i * 97) % 3000)}`;
          const ok = await t.attempt(`set/get ${key}`, async () => {
            w.write(store('set', key, i, 0, data));
            const stored = await w.line();
            w.write(`get ${key}\r\n`);
            const got = await readValues(w);
            return stored === 'STORED' && Array.isArray(got) && got.length === 1 && got[0]!.flags === i && got[0]!.data.toString('latin1') === data;
          });
          if (ok !== undefined) t.check(ok, `concurrent set/get ${key}`);
        }
      } finally {
        w.close();
      }
    }),
  );
  return t.result();
}

// --- node-api -----------------------------------------------------------------------------------

/** What node-api's config.json holds (GET /config), and its static files, as shipped. */
const NODE_API_CONFIG = { greeting: 'hello from node-api', iterations: 1000 };
const NODE_API_STATIC = join(FIXTURES_DIR, 'images', 'node-api', 'static');

/** The digests node-api must answer, computed here with the same parameters (salt per algorithm). */
function nodeApiHash(text: string, algo: 'pbkdf2' | 'scrypt'): string {
  const salt = `node-api:${algo}`;
  return (
    algo === 'pbkdf2' ? pbkdf2Sync(text, salt, NODE_API_CONFIG.iterations, 32, 'sha256') : scryptSync(text, salt, 32, { N: 1024, r: 8, p: 1 })
  ).toString('hex');
}

/**
 * A client session against node-api: the index and every link on it, config, hashes (PBKDF2 and
 * scrypt, many at once: the thread pool), gzip round trips, sort(1) and ls(1) through child
 * processes, static files streamed, notes written, listed, read and deleted (fsync, rename,
 * unlink), refusals with the right status, raw oddities; then concurrent keep-alive clients.
 */
export async function nodeApiWorkload(endpoint: Endpoint): Promise<WorkloadResult> {
  const t = new Tally();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: unknown; headers: IncomingHttpHeaders; body: Buffer } | undefined> => {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const a = await t.attempt(`${method} ${path}`, () =>
      http(endpoint, agent, method, path, {
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { body: payload } : {}),
      }),
    );
    if (!a) return undefined;
    let json: unknown;
    if (/application\/json/.test(String(a.headers['content-type'])) && a.body.length) {
      try {
        json = JSON.parse(a.body.toString('utf8'));
      } catch {
        t.check(false, `${method} ${path}: answer is not JSON: ${JSON.stringify(a.body.toString('utf8').slice(0, 80))}`);
      }
    }
    return { status: a.status, json, headers: a.headers, body: a.body };
  };
  const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);
  const expect = (what: string, a: Awaited<ReturnType<typeof call>>, status: number, json?: unknown): boolean =>
    a !== undefined &&
    t.check(
      a.status === status && (json === undefined || same(a.json, json)),
      `${what}: ${a.status} ${a.body.toString('utf8').slice(0, 160)}, expected ${status}${json === undefined ? '' : ` ${JSON.stringify(json).slice(0, 160)}`}`,
    );
  const files = new Map(['readme.txt', 'words.txt'].map((name) => [name, readFileSync(join(NODE_API_STATIC, name))]));
  const noteId = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const byteOrder = (lines: string[]): string[] => [...lines].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const checkGzip = (what: string, a: Awaited<ReturnType<typeof call>>, text: string): void => {
    if (!expect(what, a, 200)) return;
    const got = a!.json as { bytes?: number; gzipBase64?: string; roundTrip?: boolean } | undefined;
    let unpacked: string | undefined;
    try {
      unpacked = gunzipSync(Buffer.from(got?.gzipBase64 ?? '', 'base64')).toString('utf8');
    } catch {
      unpacked = undefined;
    }
    t.check(
      unpacked === text && got?.bytes === Buffer.byteLength(text) && got?.roundTrip === true,
      `${what}: ${JSON.stringify(got).slice(0, 120)} does not unpack to the text`,
    );
  };
  const run = Date.now().toString(36);

  try {
    // The index and every link on it.
    const index = await call('GET', '/');
    if (expect('GET /', index, 200)) {
      t.check(/^text\/html/.test(String(index!.headers['content-type'])), `GET /: Content-Type ${index!.headers['content-type']}`);
      const html = index!.body.toString('utf8');
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      t.check(links.length === 10, `GET /: ${links.length} links, expected 10`);
      for (const href of links) expect(`link ${href}`, await call('GET', href), 200);
      const actions = [...html.matchAll(/action="([^"]+)"/g)].map((m) => m[1]);
      t.check(same(actions, ['/notes', '/hash', '/gzip', '/sort']), `GET /: form actions ${actions.join(' ')}`);
    }
    const head = await call('HEAD', '/');
    if (expect('HEAD /', head, 200))
      t.check(
        head!.body.length === 0 && Number(head!.headers['content-length']) === index?.body.length,
        `HEAD /: ${head!.body.length} body bytes, length ${head!.headers['content-length']}`,
      );
    expect('GET /health', await call('GET', '/health'), 200, { status: 'ok' });
    const config = await call('GET', '/config');
    expect('GET /config', config, 200, NODE_API_CONFIG);
    t.check(config?.headers['x-served-by'] === 'node-api', `GET /config: X-Served-By ${config?.headers['x-served-by']}`);

    // Hashes: the thread pool, one at a time, then sixteen at once.
    for (const algo of ['pbkdf2', 'scrypt'] as const) {
      expect(`GET /hash ${algo}`, await call('GET', `/hash?text=hello&algo=${algo}`), 200, { algo, hash: nodeApiHash('hello', algo) });
      for (const text of ['a', `run ${run}`, 'ünïcødé ✓', 'x'.repeat(4096)]) {
        expect(`POST /hash ${algo} ${text.slice(0, 12)}`, await call('POST', '/hash', { text, algo }), 200, { algo, hash: nodeApiHash(text, algo) });
      }
    }
    expect('POST /hash default algo', await call('POST', '/hash', { text: 'default' }), 200, {
      algo: 'pbkdf2',
      hash: nodeApiHash('default', 'pbkdf2'),
    });
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const algo = i % 2 ? 'scrypt' : 'pbkdf2';
        const text = `parallel ${i} ${run}`;
        expect(`concurrent POST /hash ${i}`, await call('POST', '/hash', { text, algo }), 200, { algo, hash: nodeApiHash(text, algo) });
      }),
    );

    // gzip round trips: small, empty-ish, large, non-ASCII.
    checkGzip('GET /gzip', await call('GET', '/gzip?text=hello%20world'), 'hello world');
    for (const text of ['z', 'ünïcødé ✓ '.repeat(50), files.get('words.txt')!.toString('utf8').slice(0, 60_000)]) {
      checkGzip(`POST /gzip ${text.length} chars`, await call('POST', '/gzip', { text }), text);
    }

    // sort(1) and ls(1) in child processes.
    expect('GET /sort', await call('GET', '/sort?words=pear,apple,fig'), 200, { lines: ['apple', 'fig', 'pear'] });
    const toSort = [`b ${run}`, 'B', 'a', '', 'é', 'z z', '10', '9', 'a'];
    expect('POST /sort', await call('POST', '/sort', { lines: toSort }), 200, { lines: byteOrder(toSort) });
    expect('POST /sort empty', await call('POST', '/sort', { lines: [] }), 200, { lines: [] });
    const many = Array.from({ length: 1000 }, (_, i) => `line ${(i * 7919) % 1000}`);
    expect('POST /sort 1000 lines', await call('POST', '/sort', { lines: many }), 200, { lines: byteOrder(many) });
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const lines = Array.from({ length: 50 }, (_, j) => `${(j * 37 + i) % 50} ${i}`);
        expect(`concurrent POST /sort ${i}`, await call('POST', '/sort', { lines }), 200, { lines: byteOrder(lines) });
      }),
    );
    expect('GET /files', await call('GET', '/files'), 200, { files: [...files.keys()].sort() });

    // Static files, streamed.
    for (const [name, data] of files) {
      const a = await call('GET', `/files/${name}`);
      if (expect(`GET /files/${name}`, a, 200))
        t.check(a!.body.equals(data), `GET /files/${name}: ${a!.body.length} bytes differ from the shipped ${data.length}`);
    }

    // Notes: create, list, read back, delete.
    const notes = [`first note ${run}`, `ünïcødé ✓ ${run}`, `${'long '.repeat(800)}${run}`, `quote " and \\ backslash ${run}`];
    for (const text of notes) {
      const id = noteId(text);
      const a = await call('POST', '/notes', { text });
      if (expect(`POST /notes ${text.slice(0, 12)}`, a, 201, { id, text, length: text.length }))
        t.check(a!.headers.location === `/notes/${id}`, `POST /notes: Location ${a!.headers.location}`);
      expect(`GET /notes/${id}`, await call('GET', `/notes/${id}`), 200, { id, text, length: text.length });
    }
    const again = await call('POST', '/notes', { text: notes[0] });
    expect('POST /notes again (same text, same id)', again, 201, { id: noteId(notes[0]!), text: notes[0], length: notes[0]!.length });
    const list = await call('GET', '/notes');
    if (expect('GET /notes', list, 200)) {
      const ids = (list!.json as { ids?: string[] }).ids ?? [];
      t.check(notes.every((n) => ids.includes(noteId(n))) && same(ids, [...ids].sort()), `GET /notes: ${ids.length} ids, ours missing or not sorted`);
    }
    await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        const text = `writer ${w} ${run}`;
        const id = noteId(text);
        expect(`concurrent POST /notes ${w}`, await call('POST', '/notes', { text }), 201, { id, text, length: text.length });
        expect(`concurrent GET /notes ${w}`, await call('GET', `/notes/${id}`), 200, { id, text, length: text.length });
        expect(`concurrent DELETE /notes ${w}`, await call('DELETE', `/notes/${id}`), 204);
      }),
    );
    for (const text of notes) {
      const id = noteId(text);
      expect(`DELETE /notes/${id}`, await call('DELETE', `/notes/${id}`), 204);
      expect(`GET deleted /notes/${id}`, await call('GET', `/notes/${id}`), 404, { error: 'no such note' });
      expect(`DELETE again /notes/${id}`, await call('DELETE', `/notes/${id}`), 404, { error: 'no such note' });
    }
    const after = await call('GET', '/notes');
    if (expect('GET /notes after deletes', after, 200)) {
      const ids = (after!.json as { ids?: string[] }).ids ?? [];
      t.check(!notes.some((n) => ids.includes(noteId(n))), 'GET /notes: deleted notes still listed');
    }

    // Refusals: each with its status, nothing done.
    const refused: Array<[string, string, unknown, number, Record<string, string>?]> = [
      ['POST', '/hash', { text: 'x', algo: 'md5' }, 422],
      ['POST', '/hash', { algo: 'pbkdf2' }, 422],
      ['POST', '/hash', { text: '' }, 422],
      ['POST', '/hash', { text: 'x'.repeat(4097) }, 422],
      ['POST', '/hash', { text: 42 }, 422],
      ['POST', '/hash', '{"text": ', 400],
      ['POST', '/hash', '[1, 2]', 400],
      ['POST', '/hash', 'null', 400],
      ['POST', '/hash', JSON.stringify({ text: 'x' }), 415, { 'content-type': 'text/plain' }],
      ['POST', '/gzip', { text: 'x'.repeat(70_000) }, 413],
      ['POST', '/gzip', {}, 422],
      ['POST', '/sort', { lines: 'a,b' }, 422],
      ['POST', '/sort', { lines: ['a\nb'] }, 422],
      ['POST', '/sort', { lines: [1, 2] }, 422],
      ['POST', '/sort', { lines: Array.from({ length: 1001 }, () => 'x') }, 422],
      ['POST', '/notes', { text: '' }, 422],
      ['POST', '/notes', { note: 'x' }, 422],
      ['POST', '/notes', 'text=x', 415, { 'content-type': 'application/x-www-form-urlencoded' }],
      ['GET', '/hash?algo=pbkdf2', undefined, 422],
      ['GET', '/hash?text=x&algo=sha1', undefined, 422],
      ['GET', '/notes/0123456789abcdef', undefined, 404],
      ['GET', '/notes/..%2F..%2Fetc%2Fpasswd', undefined, 404],
      ['DELETE', '/notes/not-an-id', undefined, 404],
      ['GET', '/files/nope.txt', undefined, 404],
      ['GET', '/files/..%2Fserver.js', undefined, 404],
      ['GET', '/files/.hidden', undefined, 404],
      ['GET', '/nope', undefined, 404],
      ['PUT', '/health', undefined, 405],
      ['DELETE', '/notes', undefined, 405],
      ['POST', '/files', undefined, 405],
    ];
    for (const [method, path, body, status, headers] of refused) {
      const a = await call(method, path, body, headers);
      if (expect(`${method} ${path} ${typeof body === 'string' ? body.slice(0, 20) : (JSON.stringify(body)?.slice(0, 30) ?? '')}`, a, status)) {
        t.check(typeof (a!.json as { error?: unknown } | undefined)?.error === 'string', `${method} ${path}: refusal without an error message`);
      }
    }

    // Raw requests no HTTP client library would send.
    const raw = async (what: string, bytes: string, expected: string[]): Promise<void> => {
      const answer = await t.attempt(`raw ${what}`, () => rawExchange(endpoint, bytes));
      if (answer !== undefined)
        t.check(
          statusLines(answer).join(',') === expected.join(','),
          `raw ${what}: statuses ${statusLines(answer).join(',') || 'none'}, expected ${expected.join(',')}`,
        );
    };
    await raw('HTTP/1.0', 'GET /health HTTP/1.0\r\n\r\n', ['200']);
    await raw(
      'pipelined',
      'GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /config HTTP/1.1\r\nHost: x\r\n\r\nGET /files HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ['200', '200', '200'],
    );
    await raw(
      'chunked POST',
      'POST /hash HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{"tex\r\n9\r\nt":"abc"}\r\n0\r\n\r\n',
      ['200'],
    );
    await raw('garbage', 'GARBAGE\r\n\r\n', ['400']);
    await raw('huge header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, ['431']);

    // Concurrent keep-alive clients, a mix of reads, hashes and child processes.
    await Promise.all(
      Array.from({ length: 8 }, async (_, c) => {
        for (let i = 0; i < 15; i++) {
          const n = (c * 7 + i) % 5;
          if (n === 0) expect(`mix ${c}/${i} health`, await call('GET', '/health'), 200, { status: 'ok' });
          else if (n === 1) {
            const a = await call('GET', '/files/words.txt');
            if (expect(`mix ${c}/${i} words.txt`, a, 200))
              t.check(sha(a!.body) === sha(files.get('words.txt')!), `mix ${c}/${i} words.txt: body differs`);
          } else if (n === 2)
            expect(`mix ${c}/${i} hash`, await call('GET', `/hash?text=mix${c}&algo=pbkdf2`), 200, {
              algo: 'pbkdf2',
              hash: nodeApiHash(`mix${c}`, 'pbkdf2'),
            });
          else if (n === 3) expect(`mix ${c}/${i} ls`, await call('GET', '/files'), 200, { files: [...files.keys()].sort() });
          else checkGzip(`mix ${c}/${i} gzip`, await call('POST', '/gzip', { text: `mix ${c} ${i}` }), `mix ${c} ${i}`);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return t.result();
}
