import { Client } from 'undici';
import type { Endpoint } from '../../types.js';
import type { ClientUnit, WellFormedRequest } from '../unit.js';
import { responseAnswer, TIMEOUT } from './answers.js';
import { bodyBytes } from './body-bytes.js';
import { createBodyDigest } from './body-digest.js';
import type { Deadline } from './deadline.js';
import { failureAnswer } from './failure-answer.js';
import { fillPlaceholders, type SeenValidators } from './placeholders.js';

export function originOf(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `http://${host}:${endpoint.port}`;
}

function remember(seen: SeenValidators, headers: Record<string, string | string[] | undefined>): void {
  const { etag, 'last-modified': lastModified } = headers;
  if (typeof etag === 'string') seen.etag = etag;
  if (typeof lastModified === 'string') seen.lastModified = lastModified;
}

async function send(client: Client, request: WellFormedRequest, seen: SeenValidators, deadline: Deadline): Promise<string> {
  try {
    const response = await client.request({
      method: request.method,
      path: request.path,
      headers: fillPlaceholders(request.headers, seen).flat(),
      body: request.body === null ? null : bodyBytes(request.body),
      // undici closes after every HEAD unless told otherwise; a `Connection: close` header still wins.
      reset: false,
      signal: deadline.signal,
      headersTimeout: deadline.remaining(),
      bodyTimeout: deadline.remaining(),
    });
    remember(seen, response.headers);
    const contentType = response.headers['content-type'];
    const digest = createBodyDigest(typeof contentType === 'string' ? contentType : undefined);
    for await (const chunk of response.body) digest.update(chunk as Buffer);
    const { length, shortSha1 } = digest.finish();
    return responseAnswer(response.statusCode, length, shortSha1);
  } catch (err) {
    return failureAnswer(err, deadline);
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
      clients.map(async (client, lane) => {
        for (let i = lane; i < unit.requests.length && !deadline.expired; i += lanes) {
          answers[i] = await send(client, unit.requests[i]!, seen, deadline);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.destroy().catch(() => undefined)));
  }
  return answers;
}
