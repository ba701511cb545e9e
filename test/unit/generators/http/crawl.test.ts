import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlPaths, createHttpGenerator, DEFAULT_HTTP_PATHS, type HttpUnit } from '../../../../generators/http/index.js';
import type { Endpoint } from '../../../../generators/types.js';
import { takeUnits } from './take-units.js';

/** A small linked site: a loop (/ ↔ /a.html ↔ /b/), an endless chain under /deep, a redirect, assets. */
const PAGES: Record<string, string> = {
  '/': `<html><body><a href="/a.html">a</a> <a href="b/">b</a> <img src="/img/logo.png">
    <a href="http://example.com/away">away</a> <a href="#top">top</a> <a href="mailto:x@y.z">mail</a>
    <form action="/search?q=1&amp;lang=en"></form> <a href="/old">old</a></body></html>`,
  '/a.html': '<a href="/">home</a> <a href="a.html">self</a> <a href="/deep/1">deep</a>',
  '/b/': '<a href="../a.html">a</a> <a href="c.html#part">c</a> <script src="app.js"></script>',
  '/b/c.html': '<a href="/b/">up</a> <a href="./">up again</a>',
};

let server: http.Server;
let endpoint: Endpoint;
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requested.push(url);
    const deep = /^\/deep\/(\d+)$/.exec(url);
    if (deep) return res.writeHead(200, { 'content-type': 'text/html' }).end(`<a href="/deep/${Number(deep[1]) + 1}">next</a>`);
    if (url === '/old') return res.writeHead(301, { location: '/b/' }).end();
    const page = PAGES[url.split('?')[0]!];
    if (page === undefined) return res.writeHead(404, { 'content-type': 'text/plain' }).end('missing');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const crawl = (maxPages = 40): Promise<string[]> =>
  crawlPaths(endpoint, { seeds: ['/'], maxPages, maxPaths: 200, timeoutMs: 5_000, usable: () => true });

/** Every request path of a unit. */
function pathsOf(unit: HttpUnit): string[] {
  return unit.kind === 'client' ? unit.requests.map((r) => r.path) : unit.messages.flatMap((m) => (m.kind === 'request' ? [m.target] : []));
}

describe('crawling a linked site', () => {
  it('finds the same-origin links breadth-first, through loops and redirects, bounded in depth', async () => {
    requested.length = 0;
    const found = await crawl();
    expect(found).toEqual([
      '/a.html',
      '/b/',
      '/img/logo.png',
      '/search?q=1&lang=en',
      '/old',
      '/deep/1',
      '/b/c.html',
      '/b/app.js',
      '/deep/2',
      '/deep/3',
      '/deep/4',
    ]);
    // Assets are kept as paths but not fetched; each page is fetched once despite the loops.
    expect(requested).not.toContain('/img/logo.png');
    expect(requested).not.toContain('/b/app.js');
    expect(new Set(requested).size).toBe(requested.length);
    expect(requested).not.toContain('/deep/4');
  });

  it('gives the same paths every time and stops at maxPages', async () => {
    expect(await crawl()).toEqual(await crawl());
    requested.length = 0;
    const few = await crawl(2);
    expect(requested).toEqual(['/', '/a.html']);
    expect(few).toEqual(['/a.html', '/b/', '/img/logo.png', '/search?q=1&lang=en', '/old', '/deep/1']);
  });

  it('resolves with nothing, without throwing, when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const options = { seeds: ['/'], maxPages: 5, maxPaths: 10, timeoutMs: 2_000, usable: () => true };
    expect(await crawlPaths({ host: '127.0.0.1', port }, options)).toEqual([]);
  });
});

describe('the HTTP generator after prepare', () => {
  it('starts from / alone when no paths are given, and draws units from what the crawl found', async () => {
    const generator = createHttpGenerator({ families: ['get'] });
    const before = takeUnits(generator, 3, 200).flatMap(pathsOf);
    expect(before).not.toContain('/b/c.html');
    await generator.prepare!(endpoint, { timeoutMs: 5_000 });
    const after = takeUnits(generator, 3, 200).flatMap(pathsOf);
    for (const crawled of ['/a.html', '/b/c.html', '/search?q=1&lang=en']) expect(after).toContain(crawled);
    expect(after).toContain('/');
    // nginx's file names are no guess for a server nobody described.
    expect(after).not.toContain(DEFAULT_HTTP_PATHS[1]);
    const guided = Array.from({ length: 100 }, (_, seed) => generator.generate('http:get', seed)).flatMap(pathsOf);
    expect(guided).toContain('/b/c.html');
    // Units stay concrete JSON: the same seed gives the same unit, and it round-trips.
    const unit = generator.generate('http:get', 5);
    expect(generator.generate('http:get', 5)).toEqual(unit);
    expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
  });

  it('crawls from the given paths when told to, and keeps them first', async () => {
    const generator = createHttpGenerator({ paths: ['/b/c.html'], crawl: true, maxPaths: 4, families: ['get'] });
    await generator.prepare!(endpoint, { timeoutMs: 5_000 });
    const paths = new Set(takeUnits(generator, 1, 300).flatMap(pathsOf));
    // maxPaths 4: the given path and the first three found, nearest the root first.
    for (const p of ['/b/c.html', '/a.html', '/b/', '/img/logo.png']) expect(paths).toContain(p);
    expect(paths).not.toContain('/search?q=1&lang=en');
  });

  it('keeps the paths it had when the crawl finds nothing', async () => {
    const generator = createHttpGenerator();
    const unit = generator.generate('http:get', 11);
    await generator.prepare!({ host: '127.0.0.1', port: 1 }, { timeoutMs: 1_000 });
    expect(generator.generate('http:get', 11)).toEqual(unit);
  });
});
