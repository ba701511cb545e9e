import { describe, expect, it } from 'vitest';
import { planRawUnit, type WriteStep } from '../../../../generators/http/_internals/raw-plan.js';
import { RAW_HOST, renderRequest } from '../../../../generators/http/_internals/render-request.js';
import { bodyBytes } from '../../../../generators/http/_internals/body-bytes.js';
import type { RawRequest, RequestFlaw } from '../../../../generators/http/index.js';

const BASE: RawRequest = {
  kind: 'request',
  method: 'POST',
  target: '/upload',
  version: 'HTTP/1.1',
  headers: [['X-Test', '1']],
  body: { size: 10, seed: 7 },
  framing: { kind: 'length' },
  flaw: null,
};

function withFlaw(flaw: RequestFlaw, request: Partial<RawRequest> = {}): RawRequest {
  return { ...BASE, ...request, flaw };
}

function bytesOf(steps: readonly WriteStep[]): Buffer {
  return Buffer.concat(steps.flatMap((s) => (s.kind === 'bytes' ? [s.bytes] : [])));
}

describe('rendering raw requests', () => {
  it('writes the request line, a fixed Host, the headers, framing and body', () => {
    const { head, body } = renderRequest(BASE);
    expect(head.toString('latin1')).toBe(`POST /upload HTTP/1.1\r\nHost: ${RAW_HOST}\r\nX-Test: 1\r\nContent-Length: 10\r\n\r\n`);
    expect(body).toEqual(bodyBytes({ size: 10, seed: 7 }));
  });

  it('chunks a body so that it decodes back to the same bytes', () => {
    const { head, body } = renderRequest({ ...BASE, framing: { kind: 'chunked', chunkSize: 4 } });
    expect(head.toString('latin1')).toContain('Transfer-Encoding: chunked\r\n');
    expect(body.toString('latin1')).toMatch(/^4\r\n[\s\S]{4}\r\n4\r\n[\s\S]{4}\r\n2\r\n[\s\S]{2}\r\n0\r\n\r\n$/);
  });

  it('sends HTTP/1.0 without Host unless the unit asks for one', () => {
    expect(renderRequest({ ...BASE, version: 'HTTP/1.0' }).head.toString('latin1')).not.toContain('Host:');
  });

  it('applies each flaw to the bytes', () => {
    const head = (flaw: RequestFlaw): string => renderRequest(withFlaw(flaw)).head.toString('latin1');
    expect(head({ kind: 'bad-request-line', variant: 'no-version' })).toMatch(/^POST \/upload\r\n/);
    expect(head({ kind: 'bad-request-line', variant: 'lowercase-method' })).toMatch(/^post /);
    expect(head({ kind: 'bad-header', variant: 'no-colon' })).toContain('\r\nX-Sandfuzz-Broken\r\n');
    expect(head({ kind: 'bad-header', variant: 'duplicate-content-length' })).toContain('Content-Length: 10\r\nContent-Length: 11\r\n');
    expect(head({ kind: 'oversized-header', bytes: 20_000 }).length).toBeGreaterThan(20_000);
    expect(head({ kind: 'missing-host' })).not.toContain('Host:');
    expect(head({ kind: 'bare-lf' })).not.toContain('\r');
    const chunkedFraming = { framing: { kind: 'chunked', chunkSize: 4 } } as const;
    const chunked = renderRequest(withFlaw({ kind: 'invalid-chunk-size', variant: 'non-hex' }, chunkedFraming));
    expect(chunked.body.toString('latin1')).toMatch(/^zz\r\n/);
  });
});

describe('planning raw units', () => {
  it('writes pipelined messages in one write and expects no body for HEAD', () => {
    const plan = planRawUnit([BASE, { ...BASE, method: 'HEAD', body: null }]);
    expect(plan.steps).toHaveLength(1);
    expect(plan.ending).toBe('read');
    expect(plan.bodyExpected).toEqual([true, false]);
  });

  it('truncates, waits for the earlier answers, then half-closes', () => {
    const whole = Buffer.concat(Object.values(renderRequest(BASE)));
    const plan = planRawUnit([BASE, withFlaw({ kind: 'truncated', keepPercent: 50 })]);
    expect(plan.ending).toBe('half-close');
    expect(plan.steps.map((s) => s.kind)).toEqual(['bytes', 'await-responses', 'bytes']);
    expect(bytesOf(plan.steps).length).toBe(whole.length + Math.floor(whole.length / 2));
  });

  it('dribbles a slowloris head in pieces, never finishing it, then hangs up', () => {
    const plan = planRawUnit([withFlaw({ kind: 'slowloris', pieces: 3, pauseMs: 10 }, { body: null })]);
    expect(plan.ending).toBe('abandon');
    expect(plan.steps.filter((s) => s.kind === 'pause')).toHaveLength(3);
    expect(bytesOf(plan.steps).toString('latin1')).not.toMatch(/\r\n\r\n$/);
  });

  it('waits for 100 Continue between head and body', () => {
    const plan = planRawUnit([{ ...BASE, headers: [['Expect', '100-continue']] }]);
    expect(plan.steps.map((s) => s.kind)).toEqual(['bytes', 'await-answer', 'bytes']);
  });

  it('sends other protocols their greeting bytes', () => {
    const h2 = bytesOf(planRawUnit([{ kind: 'foreign', protocol: 'h2-preface' }]).steps);
    expect(h2.toString('latin1')).toMatch(/^PRI \* HTTP\/2\.0\r\n\r\nSM\r\n\r\n/);
    const tls = bytesOf(planRawUnit([{ kind: 'foreign', protocol: 'tls-client-hello' }]).steps);
    expect([...tls.subarray(0, 3)]).toEqual([0x16, 0x03, 0x01]);
    expect(tls.readUInt16BE(3)).toBe(tls.length - 5);
  });
});
