import { describe, expect, it } from 'vitest';
import { MAX_CHUNKS } from '../../../../generators/http/arbitraries/framing.js';
import { HEAD_BUDGET_BYTES, headBytes } from '../../../../generators/http/arbitraries/head-budget.js';
import { closesConnection } from '../../../../generators/http/arbitraries/connection-close.js';
import { createHttpGenerator, httpGenerator, type HeaderPair, type HttpUnit } from '../../../../generators/http/index.js';
import { takeUnits } from './take-units.js';

// What undici refuses or handles itself (see undici lib/core/request.js processHeader).
const UNDICI_MANAGED_HEADERS = ['host', 'content-length', 'transfer-encoding', 'expect', 'upgrade', 'keep-alive'];
const UNDICI_PATH = /^\/[\x21-\x7e]*$/;

function names(headers: readonly HeaderPair[]): string[] {
  return headers.map(([name]) => name.toLowerCase());
}

const units: HttpUnit[] = takeUnits(httpGenerator, 11, 2_000);

describe('the shape of generated units', () => {
  it('gives undici only requests it sends as they are', () => {
    for (const unit of units) {
      if (unit.kind !== 'client') continue;
      expect(unit.requests.length).toBeGreaterThanOrEqual(1);
      for (const request of unit.requests) {
        expect(request.method).toMatch(/^[A-Z]+$/);
        expect(request.method).not.toBe('CONNECT');
        expect(request.path).toMatch(UNDICI_PATH);
        expect(names(request.headers).filter((n) => UNDICI_MANAGED_HEADERS.includes(n))).toEqual([]);
        expect(new Set(names(request.headers)).size).toBe(request.headers.length);
        expect(headBytes(request.path, request.headers)).toBeLessThanOrEqual(HEAD_BUDGET_BYTES);
        const connection = request.headers.find(([n]) => n === 'Connection')?.[1];
        if (connection !== undefined) expect(['keep-alive', 'close']).toContain(connection);
      }
    }
  });

  it('spreads over several connections only read-only requests that depend on no earlier answer', () => {
    for (const unit of units) {
      if (unit.kind !== 'client' || unit.connections === 1) continue;
      // Bursts are load-tool traffic: many connections by design, otherwise maxConnections (3).
      const bound = unit.family === 'burst' ? 32 : 3;
      expect(unit.connections).toBeLessThanOrEqual(Math.min(bound, unit.requests.length));
      for (const request of unit.requests) {
        expect(['GET', 'HEAD']).toContain(request.method);
        expect(JSON.stringify(request.headers)).not.toContain('{{');
      }
    }
  });

  it('keeps raw bodies framed sensibly and flaws where they make sense', () => {
    for (const unit of units) {
      if (unit.kind !== 'raw') continue;
      unit.messages.forEach((message, i) => {
        if (message.kind !== 'request') return;
        if (message.framing.kind === 'chunked') {
          expect(message.version).toBe('HTTP/1.1');
          expect(Math.ceil((message.body?.size ?? 0) / message.framing.chunkSize)).toBeLessThanOrEqual(MAX_CHUNKS);
        }
        const last = i === unit.messages.length - 1;
        if (message.flaw !== null) {
          expect(unit.family).toBe('malformed');
          expect(last).toBe(true);
          expect(message.method).not.toBe('HEAD');
        }
        if (message.flaw?.kind === 'slowloris') expect(unit.messages).toHaveLength(1);
        // Bytes written after a request that closes the connection would race the close.
        if (!last) expect(closesConnection(message)).toBe(false);
      });
    }
  });

  it('honours the constraints', () => {
    const small = createHttpGenerator({
      paths: ['/a', '/b/'],
      maxBodyBytes: 1000,
      maxPathBytes: 100,
      maxRequestsPerUnit: 2,
      maxConnections: 1,
      families: ['get', 'body', 'pipeline', 'conditional'],
    });
    const seenTargets = new Set<string>();
    for (const unit of takeUnits(small, 1, 300)) {
      expect(['get', 'body', 'pipeline', 'conditional']).toContain(unit.family);
      const requests =
        unit.kind === 'client'
          ? unit.requests.map((r) => ({ target: r.path, body: r.body }))
          : unit.messages.flatMap((m) => (m.kind === 'request' ? [m] : []));
      expect(requests.length).toBeLessThanOrEqual(2);
      if (unit.kind === 'client') expect(unit.connections).toBe(1);
      for (const { target, body } of requests) {
        expect(body?.size ?? 0).toBeLessThanOrEqual(1000);
        expect(target.length).toBeLessThanOrEqual(100);
        seenTargets.add(target);
      }
    }
    expect(seenTargets).toContain('/a');
    expect(seenTargets).toContain('/b/');
  });
});
