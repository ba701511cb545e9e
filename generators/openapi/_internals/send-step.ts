import type { Client, Dispatcher } from 'undici';
import type { Deadline } from '../../_shared/deadline.js';
import { errorCode } from '../../_shared/undici-errors.js';
import { failureClass, statusClass } from './outcome-answer.js';
import type { RenderedRequest } from './render-step.js';
import type { StepOutcome } from './resolve-reference.js';

// Bodies past this are read to the end but not kept: an id is in the first kilobytes.
const MAX_KEPT_BODY = 1024 * 1024;

// The connection closed under the request before any answer came back.
const CLOSED_BEFORE_ANSWER = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function dispatch(client: Client, request: RenderedRequest, deadline: Deadline): Promise<Dispatcher.ResponseData> {
  return client.request({
    method: request.method as Dispatcher.HttpMethod,
    path: request.path,
    headers: request.headers,
    body: request.body,
    signal: deadline.signal,
    headersTimeout: deadline.remaining(),
    bodyTimeout: deadline.remaining(),
  });
}

function parsedJson(bytes: Buffer, contentType: string | undefined): unknown {
  const text = bytes.toString('utf8');
  if (!/json/i.test(contentType ?? '') && !/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one request and returns its state class and what later steps may refer to. A request
 * that meets a keep-alive connection the server closed before answering is sent once more, as
 * browsers do; whether the close wins the race is timing the answers must not depend on.
 */
export async function sendStep(client: Client, request: RenderedRequest, deadline: Deadline): Promise<{ state: string; outcome?: StepOutcome }> {
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatch(client, request, deadline).catch((err: unknown) => {
      if (!CLOSED_BEFORE_ANSWER.has(errorCode(err)) || deadline.expired) throw err;
      return dispatch(client, request, deadline);
    });
  } catch (err) {
    return { state: failureClass(err, deadline.expired) };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size <= MAX_KEPT_BODY) chunks.push(chunk as Buffer);
    }
  } catch (err) {
    // The head arrived: the status class stands, the body is not used.
    const failure = failureClass(err, deadline.expired);
    return { state: failure === 'timeout' ? 'timeout' : statusClass(response.statusCode) };
  }
  const contentType = response.headers['content-type'];
  const location = response.headers.location;
  return {
    state: statusClass(response.statusCode),
    outcome: {
      status: response.statusCode,
      json: size <= MAX_KEPT_BODY ? parsedJson(Buffer.concat(chunks), typeof contentType === 'string' ? contentType : undefined) : undefined,
      location: typeof location === 'string' ? location : null,
    },
  };
}
