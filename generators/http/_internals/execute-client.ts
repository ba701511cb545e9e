import { Client, type Dispatcher } from 'undici';
import type { Endpoint } from '../../types.js';
import type { ClientUnit, WellFormedRequest } from '../unit.js';
import { CLOSED, responseAnswer, TIMEOUT, truncatedAnswer } from './answers.js';
import { bodySource } from './body-bytes.js';
import { createBodyDigest } from './body-digest.js';
import type { Deadline } from '../../_shared/deadline.js';
import { failureAnswer } from './failure-answer.js';
import { originOf } from './origin.js';
import { createdPath, fillPath, fillPlaceholders, type SeenValidators } from './placeholders.js';

function remember(seen: SeenValidators, headers: Record<string, string | string[] | undefined>): void {
  const { etag, 'last-modified': lastModified } = headers;
  if (typeof etag === 'string') seen.etag = etag;
  if (typeof lastModified === 'string') seen.lastModified = lastModified;
}

// Errors meaning the connection was closed under the request before any answer came back.
const CLOSED_BEFORE_ANSWER = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function closedBeforeAnswer(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CLOSED_BEFORE_ANSWER.has(code);
}

/** What sending a request needs besides the request: a connection, the unit's validators, the deadline. */
interface Lane {
  readonly client: Client;
  readonly seen: SeenValidators;
  readonly deadline: Deadline;
}

/** A body sent in pieces keeps its Content-Length: a slow client, not a chunked one. */
function withLength(headers: string[], body: WellFormedRequest['body']): string[] {
  return body !== null && (body.pieces ?? 1) > 1 ? [...headers, 'content-length', String(body.size)] : headers;
}

function dispatch({ client, seen, deadline }: Lane, request: WellFormedRequest): Promise<Dispatcher.ResponseData> {
  return client.request({
    method: request.method,
    path: fillPath(request.path, seen),
    headers: withLength(fillPlaceholders(request.headers, seen).flat(), request.body),
    body: request.body === null ? null : bodySource(request.body),
    // undici closes after every HEAD unless told otherwise; a `Connection: close` header still wins.
    reset: false,
    signal: deadline.signal,
    headersTimeout: deadline.remaining(),
    bodyTimeout: deadline.remaining(),
  });
}

/**
 * Sends one request and summarises its answer. A request that meets a connection closed before
 * any answer is sent once more on a new connection, as browsers do: servers may announce
 * keep-alive and close anyway (nginx 1.22 after a 412), and whether the next request is written
 * before the FIN arrives is a matter of timing the answers must not depend on.
 */
async function send(lane: Lane, request: WellFormedRequest): Promise<string> {
  const { seen, deadline } = lane;
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatch(lane, request).catch((err: unknown) => {
      if (!closedBeforeAnswer(err) || deadline.expired) throw err;
      return dispatch(lane, request);
    });
  } catch (err) {
    return failureAnswer(err, deadline);
  }
  try {
    remember(seen, response.headers);
    const contentType = response.headers['content-type'];
    const digest = createBodyDigest(typeof contentType === 'string' ? contentType : undefined);
    // The answer to a successful POST may name what it created, for the unit's follow-ups.
    const creates = request.method === 'POST' && response.statusCode >= 200 && response.statusCode < 300;
    let head = '';
    for await (const chunk of response.body) {
      digest.update(chunk as Buffer);
      if (creates && head.length < 4096) head += (chunk as Buffer).toString('utf8');
    }
    if (creates) {
      const location = response.headers.location;
      const json = typeof contentType === 'string' && /json/i.test(contentType) ? head : undefined;
      seen.created = createdPath(fillPath(request.path, seen), typeof location === 'string' ? location : undefined, json) ?? seen.created ?? null;
    }
    const { length, shortSha1 } = digest.finish();
    return responseAnswer(response.statusCode, length, shortSha1);
  } catch (err) {
    const failure = failureAnswer(err, deadline);
    return failure === CLOSED ? truncatedAnswer(response.statusCode) : failure;
  }
}

/**
 * Sends the unit's requests with undici: request i goes to client i mod connections, each client
 * sends its requests one after another. Every client is destroyed before returning.
 */
export async function executeClientUnit(unit: ClientUnit, endpoint: Endpoint, deadline: Deadline): Promise<string[]> {
  const answers = unit.requests.map(() => TIMEOUT);
  const lanes = Math.max(1, Math.min(unit.connections, unit.requests.length));
  const seen: SeenValidators = { etag: null, lastModified: null };
  const clients = Array.from(
    { length: lanes },
    () =>
      new Client(originOf(endpoint), {
        connectTimeout: deadline.remaining(),
        headersTimeout: deadline.remaining(),
        bodyTimeout: deadline.remaining(),
        keepAliveTimeout: deadline.remaining(),
        pipelining: 1,
      }),
  );
  try {
    await Promise.all(
      clients.map(async (client, first) => {
        const lane: Lane = { client, seen, deadline };
        for (let i = first; i < unit.requests.length && !deadline.expired; i += lanes) {
          answers[i] = await send(lane, unit.requests[i]!);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.destroy().catch(() => undefined)));
  }
  return answers;
}
