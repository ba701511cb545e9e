import type { Endpoint } from '../../types.js';
import type { RawUnit } from '../unit.js';
import { ABANDONED, CLOSED, REFUSED, responseAnswer, TIMEOUT, truncatedAnswer, UNSENT } from './answers.js';
import type { Deadline } from '../../_shared/deadline.js';
import { planRawUnit, type RawPlan, type WriteStep } from './raw-plan.js';
import { ResponseStreamParser } from './response-parser.js';
import { RawConnection } from '../../_shared/raw-connection.js';

/** One raw connection whose bytes are parsed as a stream of HTTP responses. */
class HttpRawConnection extends RawConnection {
  constructor(
    endpoint: Endpoint,
    readonly parser: ResponseStreamParser,
  ) {
    super(endpoint);
  }

  protected received(chunk: Buffer): void {
    this.parser.feed(chunk);
  }

  protected override ended(): void {
    this.parser.end();
  }
}

async function perform(step: WriteStep, conn: HttpRawConnection, deadline: Deadline): Promise<void> {
  if (step.kind === 'pause') return deadline.sleep(step.ms);
  if (step.kind === 'await-responses') return conn.until(() => conn.parser.responses.length >= step.count, deadline);
  if (step.kind === 'await-answer') {
    const before = conn.parser.receivedBytes;
    return conn.until(() => conn.parser.receivedBytes > before, deadline, step.ms);
  }
  return conn.write(step.bytes, deadline);
}

function answerFor(index: number, plan: RawPlan, conn: HttpRawConnection): string {
  const response = conn.parser.responses[index];
  if (response) return responseAnswer(response.status, response.length, response.shortSha1);
  if (!conn.connected) return conn.refused ? REFUSED : conn.closed ? CLOSED : TIMEOUT;
  if (index >= plan.sent) return UNSENT;
  if (plan.ending === 'abandon' && index === plan.sent - 1) return ABANDONED;
  const partial = index === conn.parser.responses.length ? conn.parser.partialStatus : null;
  if (conn.closed) return partial === null ? CLOSED : truncatedAnswer(partial);
  return TIMEOUT;
}

/**
 * Writes the unit's bytes over one node:net socket and reads the answers. The socket is
 * destroyed before returning, whatever happened.
 */
export async function executeRawUnit(unit: RawUnit, endpoint: Endpoint, deadline: Deadline): Promise<string[]> {
  const plan = planRawUnit(unit.messages);
  const conn = new HttpRawConnection(endpoint, new ResponseStreamParser((i) => plan.bodyExpected[i] ?? true));
  try {
    if (await conn.opened(deadline)) {
      for (const step of plan.steps) {
        if (conn.closed || deadline.expired) break;
        await perform(step, conn, deadline);
      }
      if (plan.ending === 'half-close') conn.end();
      if (plan.ending !== 'abandon') {
        await conn.until(() => plan.ending === 'read' && conn.parser.responses.length >= plan.sent, deadline);
      }
    }
  } finally {
    conn.destroy();
  }
  return unit.messages.map((_, index) => answerFor(index, plan, conn));
}
