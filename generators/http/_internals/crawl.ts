import { Client } from 'undici';
import { Deadline } from '../../_shared/deadline.js';
import { withHardLimit } from '../../_shared/hard-limit.js';
import type { Endpoint } from '../../types.js';
import { extractForms, extractLinks, sameOriginPath, type FormSpec } from './link-extract.js';
import { originOf } from './origin.js';

export interface CrawlOptions {
  /** Paths fetched first (depth 0); they are not reported as found. */
  readonly seeds: readonly string[];
  /** Most pages fetched. */
  readonly maxPages: number;
  /** The crawl stops once it found this many paths. */
  readonly maxPaths: number;
  /** Upper bound for the whole crawl, in milliseconds. */
  readonly timeoutMs: number;
  /** Whether a found path may be kept (sendable, short enough). */
  readonly usable: (path: string) => boolean;
  /** Called with the forms of each HTML page fetched. */
  readonly onForms?: (forms: readonly FormSpec[]) => void;
}

// Links more than this many hops from a seed are kept but not fetched: deep trees (directory
// listings, calendars) would spend the page budget on one branch.
const MAX_DEPTH = 4;
// Only the start of a page is scanned; links live in the first megabyte of any sane page.
const MAX_PAGE_BYTES = 1024 * 1024;
// Files that never hold links: the page budget goes to pages that can.
const NOT_HTML =
  /\.(png|jpe?g|gif|webp|avif|ico|bmp|svg|css|m?js|map|json|xml|txt|woff2?|ttf|otf|eot|pdf|zip|t?gz|bz2|xz|zst|tar|bin|iso|exe|wasm|mp[34]|webm|ogg|wav|avi|mov)$/i;

function mayHoldLinks(path: string): boolean {
  const query = path.indexOf('?');
  return !NOT_HTML.test(query < 0 ? path : path.slice(0, query));
}

/** The same-origin paths one page links to: its HTML links, or where it redirects. */
async function linksOf(client: Client, page: URL, deadline: Deadline, onForms?: (forms: readonly FormSpec[]) => void): Promise<string[]> {
  const response = await client.request({
    method: 'GET',
    path: page.pathname + page.search,
    headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    signal: deadline.signal,
    headersTimeout: deadline.remaining(),
    bodyTimeout: deadline.remaining(),
  });
  const links: string[] = [];
  const { location, 'content-type': type } = response.headers;
  if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
    const target = sameOriginPath(location, page, page);
    if (target !== null) links.push(target);
  }
  if (typeof type !== 'string' || !/html/i.test(type)) {
    await response.body.dump().catch(() => undefined);
    return links;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= MAX_PAGE_BYTES) break;
  }
  const html = Buffer.concat(chunks).subarray(0, MAX_PAGE_BYTES).toString('utf8');
  onForms?.(extractForms(html, page));
  return [...links, ...extractLinks(html, page)];
}

/**
 * Breadth-first over same-origin links from the seeds, one page at a time (so the same server
 * gives the same paths in the same order). Resolves with the paths found, in discovery order,
 * within `timeoutMs`; a page that fails or times out just adds nothing. Never rejects.
 */
export async function crawlPaths(endpoint: Endpoint, options: CrawlOptions): Promise<string[]> {
  const origin = originOf(endpoint);
  const deadline = new Deadline(Math.max(1, options.timeoutMs - Math.min(100, Math.floor(options.timeoutMs / 10))));
  const client = new Client(origin, {
    connectTimeout: deadline.remaining(),
    headersTimeout: deadline.remaining(),
    bodyTimeout: deadline.remaining(),
    pipelining: 1,
  });
  const found: string[] = [];
  let stopped = false;
  const walk = async (): Promise<void> => {
    const seen = new Set(options.seeds);
    const queue = options.seeds.filter(mayHoldLinks).map((path) => ({ path, depth: 0 }));
    for (let pages = 0; pages < options.maxPages && queue.length > 0; pages++) {
      if (stopped || deadline.expired || found.length >= options.maxPaths) return;
      const { path, depth } = queue.shift()!;
      // Appended, not resolved: a path like '//x' would otherwise name another host.
      const links = await linksOf(client, new URL(origin + path), deadline, options.onForms).catch((): string[] => []);
      for (const link of links) {
        if (seen.has(link) || !options.usable(link) || found.length >= options.maxPaths) continue;
        seen.add(link);
        found.push(link);
        if (depth < MAX_DEPTH && mayHoldLinks(link)) queue.push({ path: link, depth: depth + 1 });
      }
    }
  };
  try {
    await withHardLimit(walk(), options.timeoutMs, undefined);
  } finally {
    stopped = true;
    deadline.dispose();
    await client.destroy().catch(() => undefined);
  }
  return found.slice();
}
