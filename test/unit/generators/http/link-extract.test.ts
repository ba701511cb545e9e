import { describe, expect, it } from 'vitest';
import { decodeEntities, extractLinks } from '../../../../generators/http/_internals/link-extract.js';

const PAGE = 'http://127.0.0.1:8080/docs/guide.html';

describe('extractLinks', () => {
  it('resolves relative links against the page and keeps absolute same-origin ones', () => {
    const html = `
      <a href="intro.html">x</a> <a href='../up/'>x</a> <a href=/root/plain>x</a>
      <img src="img/a.png"> <form action="/search"></form>
      <a href="http://127.0.0.1:8080/absolute?x=1">x</a>`;
    expect(extractLinks(html, PAGE)).toEqual(['/docs/intro.html', '/up/', '/root/plain', '/docs/img/a.png', '/search', '/absolute?x=1']);
  });

  it('drops other origins, fragments and non-resource schemes', () => {
    const html = `
      <a href="http://example.com/">other host</a> <a href="http://127.0.0.1:9999/">other port</a>
      <a href="https://127.0.0.1:8080/">other scheme</a> <a href="//cdn.example/x.js">protocol-relative</a>
      <a href="javascript:void(0)">js</a> <a href="mailto:a@b.c">mail</a> <a href="tel:123">tel</a>
      <a href="page.html#section">fragment</a> <a href="#top">same page</a> <a href="ftp://x/">ftp</a>`;
    expect(extractLinks(html, PAGE)).toEqual(['/docs/page.html', '/docs/guide.html']);
  });

  it('decodes entities in attribute values and keeps the query', () => {
    const html = '<a href="/q?a=1&amp;b=2&#38;c=3&#x26;d=4">x</a> <a href="/caf&eacute;">x</a>';
    expect(extractLinks(html, PAGE)).toEqual(['/q?a=1&b=2&c=3&d=4', '/caf&eacute;']);
    expect(decodeEntities('&lt;&gt;&quot;&apos;&AMP;&#0;&unknown;')).toBe(`<>"'&&#0;&unknown;`);
  });

  it('honours <base href>, skips comments, other attributes and repeats, survives broken markup', () => {
    const html = `<head><base href="/static/"></head>
      <!-- <a href="/commented-out">x</a> -->
      <a title="x" data-href="/not-a-link" href="one.html">x</a> <a HREF="one.html">again</a>
      <link rel=stylesheet href=style.css> <a href="two.html"/> <a href= "three.html" >
      <a href="unterminated>`;
    expect(extractLinks(html, PAGE)).toEqual(['/static/one.html', '/static/style.css', '/static/two.html', '/static/three.html']);
    expect(extractLinks('<a href="x"', PAGE)).toEqual(['/docs/x']);
    expect(extractLinks('no tags < here > at all <!-- open comment', PAGE)).toEqual([]);
  });

  it('percent-encodes what a URL parser would', () => {
    expect(extractLinks('<a href="/with space/ü">x</a>', PAGE)).toEqual(['/with%20space/%C3%BC']);
  });
});
