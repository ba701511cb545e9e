import type { RawMessage, RawRequest } from '../unit.js';
import { foreignGreetingBytes } from './foreign-greeting-bytes.js';
import { renderRequest } from './render-request.js';

/** One thing the raw executor does on the socket, in order. */
export type WriteStep =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'pause'; readonly ms: number }
  /** Wait for the server's first bytes (100 Continue or a final answer), at most `ms`. */
  | { readonly kind: 'await-answer'; readonly ms: number }
  /** Wait until `count` responses are complete (or the connection closed). */
  | { readonly kind: 'await-responses'; readonly count: number };

/**
 * What happens after the last write: keep reading until every request is answered, half-close
 * so the server sees the request end early, or hang up without waiting for anything.
 */
export type RawEnding = 'read' | 'half-close' | 'abandon';

export interface RawPlan {
  readonly steps: readonly WriteStep[];
  readonly ending: RawEnding;
  /** How many of the unit's messages were written (a truncation or hang-up ends the unit). */
  readonly sent: number;
  /** Per message: whether its answer carries a body (false for HEAD). */
  readonly bodyExpected: readonly boolean[];
}

// How long a client waits for 100 Continue before sending the body anyway (curl waits 1 s).
const EXPECT_WAIT_MS = 200;

function expectsContinue(r: RawRequest): boolean {
  return r.body !== null && r.headers.some(([name, value]) => /^expect$/i.test(name) && /100-continue/i.test(value));
}

function requestSteps(r: RawRequest): { steps: WriteStep[]; ending: RawEnding } {
  const { head, body } = renderRequest(r);
  if (r.flaw?.kind === 'truncated') {
    const whole = Buffer.concat([head, body]);
    const keep = Math.min(whole.length - 1, Math.max(1, Math.floor((whole.length * r.flaw.keepPercent) / 100)));
    return { steps: [{ kind: 'bytes', bytes: whole.subarray(0, keep) }], ending: 'half-close' };
  }
  if (r.flaw?.kind === 'slowloris') {
    // Everything but the blank line that ends the head, dribbled out in pieces.
    const partial = head.subarray(0, head.lastIndexOf('\n', head.length - 2));
    const { pieces, pauseMs } = r.flaw;
    const size = Math.ceil(partial.length / pieces);
    const steps: WriteStep[] = [];
    for (let at = 0; at < partial.length; at += size) {
      steps.push({ kind: 'bytes', bytes: partial.subarray(at, at + size) }, { kind: 'pause', ms: pauseMs });
    }
    return { steps, ending: 'abandon' };
  }
  if (expectsContinue(r)) {
    return {
      steps: [
        { kind: 'bytes', bytes: head },
        { kind: 'await-answer', ms: EXPECT_WAIT_MS },
        { kind: 'bytes', bytes: body },
      ],
      ending: 'read',
    };
  }
  return { steps: [{ kind: 'bytes', bytes: Buffer.concat([head, body]) }], ending: 'read' };
}

/** Adjacent byte steps become one write: that is what makes the requests pipelined. */
function mergeWrites(steps: readonly WriteStep[]): WriteStep[] {
  const merged: WriteStep[] = [];
  for (const step of steps) {
    const last = merged[merged.length - 1];
    if (step.kind === 'bytes' && last?.kind === 'bytes') {
      merged[merged.length - 1] = { kind: 'bytes', bytes: Buffer.concat([last.bytes, step.bytes]) };
    } else if (!(step.kind === 'bytes' && step.bytes.length === 0)) {
      merged.push(step);
    }
  }
  return merged;
}

/** The writes for a raw unit. Messages after one that truncates or hangs up are not sent. */
export function planRawUnit(messages: readonly RawMessage[]): RawPlan {
  const steps: WriteStep[] = [];
  let ending: RawEnding = 'read';
  let sent = 0;
  for (const message of messages) {
    const rendered =
      message.kind === 'foreign'
        ? { steps: [{ kind: 'bytes', bytes: foreignGreetingBytes(message) } as const], ending: 'read' as const }
        : requestSteps(message);
    // A half-close while earlier answers are still being written races the server's EOF check
    // (nginx with EPOLLRDHUP drops the connection mid-answer): let those answers finish first.
    if (rendered.ending === 'half-close' && sent > 0) steps.push({ kind: 'await-responses', count: sent });
    steps.push(...rendered.steps);
    ending = rendered.ending;
    sent++;
    if (ending !== 'read') break;
  }
  const bodyExpected = messages.map((m) => !(m.kind === 'request' && m.method === 'HEAD'));
  return { steps: mergeWrites(steps), ending, sent, bodyExpected };
}
