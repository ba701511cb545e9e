/**
 * Links of an HTML page, by a small tag scanner rather than a parser: the crawl only needs the
 * URL-bearing attributes, and a page a parser would reject still has links worth following.
 */

/** Attributes whose value is a URL the server may serve. */
const LINK_ATTRIBUTES = new Set(['href', 'src', 'action']);

// Schemes that never name a resource on the server; `new URL` would give them an opaque origin
// anyway, the explicit list keeps the intent readable.
const NOT_A_RESOURCE = /^(javascript|mailto|tel|data|about|blob):/i;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** One start tag: its lower-case name and valued attributes (lower-case names, raw values). */
interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [name: string, value: string]>;
}

// A tag start or a comment opening; comments are skipped whole (links commented out are stale).
const TAG_OR_COMMENT = /<!--|<([a-zA-Z][a-zA-Z0-9:.-]*)/g;
// One attribute, or a lone '/' of a self-closing tag, at the scan position.
const ATTRIBUTE = /\s*(?:([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>][^\s>]*)))?|\/)/y;

function* startTags(html: string): Generator<Tag> {
  const tags = new RegExp(TAG_OR_COMMENT.source, 'g');
  for (let m = tags.exec(html); m !== null; m = tags.exec(html)) {
    if (m[1] === undefined) {
      const end = html.indexOf('-->', tags.lastIndex);
      if (end < 0) return;
      tags.lastIndex = end + 3;
      continue;
    }
    const attributes: [string, string][] = [];
    const attribute = new RegExp(ATTRIBUTE.source, 'y');
    let at = tags.lastIndex;
    while (at < html.length && html[at] !== '>') {
      attribute.lastIndex = at;
      const a = attribute.exec(html);
      // Stray quotes or '<' inside a tag: step over the character, as browsers do.
      if (a === null || attribute.lastIndex === at) {
        at++;
        continue;
      }
      at = attribute.lastIndex;
      // A name without a value (or with an unterminated quote) names no URL.
      const value = a[2] ?? a[3] ?? a[4];
      if (a[1] !== undefined && value !== undefined) attributes.push([a[1].toLowerCase(), value]);
    }
    tags.lastIndex = at;
    yield { name: m[1].toLowerCase(), attributes };
  }
}

/** `&amp;`, `&#38;`, `&#x26;` and the few named entities URLs contain; others stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A link's path and query on `page`'s origin, or null when it leaves the origin. */
export function sameOriginPath(link: string, base: URL, page: URL): string | null {
  const raw = decodeEntities(link).trim();
  if (NOT_A_RESOURCE.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== page.origin) return null;
  // The fragment never reaches the server; the query does and selects a different answer.
  return url.pathname + url.search;
}

/**
 * The same-origin paths (path and query, no fragment) that an HTML page links to through
 * `href`, `src` and `action`, resolved against the page URL or its `<base href>`, in page order
 * without repeats.
 */
export function extractLinks(html: string, pageUrl: string | URL): string[] {
  const page = new URL(pageUrl);
  const tags = [...startTags(html)];
  const baseHref = tags.find((t) => t.name === 'base')?.attributes.find(([n]) => n === 'href')?.[1];
  let base = page;
  if (baseHref !== undefined) {
    try {
      base = new URL(decodeEntities(baseHref).trim(), page);
    } catch {
      // An unparsable <base> is ignored, as browsers do.
    }
  }
  const paths = new Set<string>();
  for (const tag of tags) {
    if (tag.name === 'base') continue;
    for (const [name, value] of tag.attributes) {
      if (!LINK_ATTRIBUTES.has(name)) continue;
      const path = sameOriginPath(value, base, page);
      if (path !== null) paths.add(path);
    }
  }
  return [...paths];
}

/** An HTML form: where it posts, how, and the names of its fields. */
export interface FormSpec {
  readonly action: string;
  readonly method: 'GET' | 'POST';
  readonly fields: readonly string[];
}

const FIELD_TAGS = new Set(['input', 'textarea', 'select', 'button']);

/**
 * The same-origin forms of a page, in page order: each form's action (the page itself when
 * absent), method and named fields. The scanner sees start tags only, so a field belongs to the
 * latest form opened before it.
 */
export function extractForms(html: string, pageUrl: string | URL): FormSpec[] {
  const page = new URL(pageUrl);
  type Open = { action: string; method: 'GET' | 'POST'; fields: string[] };
  const forms: Open[] = [];
  // The form fields belong to; null inside a form that posts elsewhere (its fields are not ours).
  let current: Open | null = null;
  for (const tag of startTags(html)) {
    const attr = (n: string): string | undefined => tag.attributes.find(([k]) => k === n)?.[1];
    if (tag.name === 'form') {
      const action = attr('action');
      const path = action === undefined ? page.pathname + page.search : sameOriginPath(action, page, page);
      current = path === null ? null : { action: path, method: (attr('method') ?? 'get').toLowerCase() === 'post' ? 'POST' : 'GET', fields: [] };
      if (current) forms.push(current);
    } else if (FIELD_TAGS.has(tag.name) && current) {
      const name = attr('name');
      if (name && !current.fields.includes(decodeEntities(name))) current.fields.push(decodeEntities(name));
    }
  }
  return forms;
}
