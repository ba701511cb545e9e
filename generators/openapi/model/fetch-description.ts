import { Client } from 'undici';
import { InputFileError } from '../../../src/shared/errors.js';
import type { Endpoint } from '../../types.js';
import { originOf } from '../_internals/origin.js';

// A description larger than this is not one a server publishes on purpose.
const MAX_DESCRIPTION_BYTES = 32 * 1024 * 1024;

function reason(err: unknown, timeoutMs: number): string {
  const { code, name, message } = (err ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (name === 'TimeoutError' || name === 'AbortError' || (typeof code === 'string' && code.includes('TIMEOUT'))) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (typeof code === 'string') return `failed (${code})`;
  return `failed (${typeof message === 'string' ? message.split('\n')[0] : String(err)})`;
}

/** GETs `path` from the running server and returns the text; any failure is one line naming it. */
export async function fetchDescription(path: string, endpoint: Endpoint, timeoutMs: number): Promise<string> {
  const name = `GET ${path}`;
  const client = new Client(originOf(endpoint), { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  try {
    const response = await client.request({
      method: 'GET',
      path,
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (response.statusCode < 200 || response.statusCode > 299) {
      await response.body.dump().catch(() => undefined);
      throw new InputFileError(`${name} answered ${response.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_DESCRIPTION_BYTES) throw new InputFileError(`${name}: description larger than ${MAX_DESCRIPTION_BYTES} bytes`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(`${name} ${reason(err, timeoutMs)}`, { cause: err });
  } finally {
    await client.destroy().catch(() => undefined);
  }
}
