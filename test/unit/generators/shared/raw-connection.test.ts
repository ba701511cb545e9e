import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Deadline } from '../../../../generators/_shared/deadline.js';
import { RawConnection } from '../../../../generators/_shared/raw-connection.js';

/** Keeps every byte it receives and counts how often the peer ended. */
class Recorder extends RawConnection {
  readonly bytes: Buffer[] = [];
  endings = 0;
  protected received(chunk: Buffer): void {
    this.bytes.push(chunk);
  }
  protected override ended(): void {
    this.endings++;
  }
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server that runs `onSocket` for each connection; resolves to its port. */
async function listen(onSocket: (s: Socket) => void): Promise<number> {
  server = createServer(onSocket);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('RawConnection', () => {
  it('marks a refused connection as refused and not opened', async () => {
    const port = await listen(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const conn = new Recorder({ host: '127.0.0.1', port });
    expect(await conn.opened(new Deadline(2_000))).toBe(false);
    expect({ refused: conn.refused, connected: conn.connected, closed: conn.closed }).toEqual({ refused: true, connected: false, closed: true });
  });

  it('writes, hands the bytes to received, and sees the half-close echoed back', async () => {
    const port = await listen((s) => s.on('data', (d) => s.write(d)).on('end', () => s.end()));
    const conn = new Recorder({ host: '127.0.0.1', port });
    const deadline = new Deadline(2_000);
    expect(await conn.opened(deadline)).toBe(true);
    await conn.write(Buffer.from('ping'), deadline);
    await conn.until(() => Buffer.concat(conn.bytes).length >= 4, deadline);
    expect(Buffer.concat(conn.bytes).toString()).toBe('ping');
    expect(conn.lastDataAt).toBeGreaterThan(0);
    conn.end();
    await conn.until(() => false, deadline);
    expect(conn.closed).toBe(true);
    expect(conn.endings).toBeGreaterThanOrEqual(1);
    expect(conn.refused).toBe(false);
  });

  it('until stops waiting at its cap when nothing happens', async () => {
    const port = await listen(() => {});
    const conn = new Recorder({ host: '127.0.0.1', port });
    const deadline = new Deadline(5_000);
    await conn.opened(deadline);
    const started = Date.now();
    await conn.until(() => false, deadline, 100);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(conn.closed).toBe(false);
    conn.destroy();
  });
});
