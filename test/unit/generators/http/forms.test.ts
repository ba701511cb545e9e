import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGenerator } from '../../../../generators/http/index.js';
import { extractForms } from '../../../../generators/http/_internals/link-extract.js';
import type { ClientUnit } from '../../../../generators/http/unit.js';

describe('forms: what a crawl learns about bodies', () => {
  it('extracts same-origin forms with their method and field names', () => {
    const html = `<form method="post" action="/notes"><textarea name="text"></textarea><button>Add</button></form>
      <form action="search"><input name="q"><input type="submit" name="go"></form>
      <form method="POST" action="http://elsewhere.example/x"><input name="a"></form>
      <form method="post"><select name="size"></select><input name="size"></form>`;
    expect(extractForms(html, 'http://127.0.0.1:8080/app/index.html')).toEqual([
      { action: '/notes', method: 'POST', fields: ['text'] },
      { action: '/app/search', method: 'GET', fields: ['q', 'go'] },
      { action: '/app/index.html', method: 'POST', fields: ['size'] },
    ]);
  });

  describe('against a server that takes JSON at its form actions', () => {
    let server: Server;
    let port = 0;
    const posted: Array<{ type: string; body: string }> = [];
    const urls: string[] = [];
    let next = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          urls.push(`${req.method} ${req.url}`);
          if (req.method === 'POST') {
            posted.push({ type: String(req.headers['content-type']), body });
            res.setHeader('content-type', 'application/json');
            res.statusCode = 201;
            return void res.end(JSON.stringify({ id: ++next }));
          }
          res.setHeader('content-type', 'text/html');
          res.end(req.url === '/' ? '<form method="post" action="/notes"><textarea name="text"></textarea></form>' : 'ok');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('fills the form in, as JSON and as urlencoded, with its own field names', async () => {
      const generator = createHttpGenerator({ families: ['form'] });
      await generator.prepare!({ host: '127.0.0.1', port }, { timeoutMs: 5_000 });
      const units = Array.from({ length: 40 }, (_, seed) => generator.generate('http:form', seed) as ClientUnit);
      for (const unit of units.slice(0, 10)) await generator.execute(unit, { host: '127.0.0.1', port }, { timeoutMs: 5_000 });
      const requests = units.flatMap((u) => u.requests);
      expect(new Set(requests.map((r) => `${r.method} ${r.path}`))).toEqual(
        new Set(['POST /notes', 'GET /{{created}}', 'PUT /{{created}}', 'DELETE /{{created}}']),
      );
      const json = posted.filter((p) => p.type === 'application/json').map((p) => JSON.parse(p.body));
      const forms = posted.filter((p) => p.type === 'application/x-www-form-urlencoded').map((p) => new URLSearchParams(p.body));
      expect(json.length).toBeGreaterThan(0);
      expect(forms.length).toBeGreaterThan(0);
      for (const j of json) expect(Object.keys(j)).toEqual(['text']);
      for (const f of forms) expect([...f.keys()][0]).toBe('text');
      // Follow-ups reach what the POST created: its JSON id under the form's action.
      expect(urls.some((u) => /^(GET|PUT|DELETE) \/notes\/\d+$/.test(u))).toBe(true);
      expect(urls).not.toContain('GET /sandfuzz-unseen');
      // Units stay concrete JSON, the same for the same seed.
      expect(generator.generate('http:form', 3)).toEqual(units[3]);
      expect(JSON.parse(JSON.stringify(units[3]))).toEqual(units[3]);
    });
  });
});
