import net, { type AddressInfo, type Socket } from 'node:net';
import type { Endpoint } from '../../../../generators/types.js';

export const BANNER = '220 sandfuzz-test ready\r\n';

/** A loopback node:net server that records what its connections lived through. */
export interface TestServer {
  readonly endpoint: Endpoint;
  /** Error codes its sockets saw (ECONNRESET when a client reset). */
  readonly errors: string[];
  /** Connections whose client half-closed (sent FIN). */
  readonly ends: { count: number };
  /** Resolves true once every connection closed, false if some are still open after `ms`. */
  waitForNoConnections(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export type Behaviour = 'echo' | 'silent' | 'closing' | 'banner';

const BEHAVIOURS: Record<Behaviour, (socket: Socket) => void> = {
  // Echoes everything; ends its side when the client does.
  echo: (socket) => socket.pipe(socket),
  // Reads and never answers; Node ends its side when the client does (allowHalfOpen is off).
  silent: (socket) => socket.resume(),
  // Hangs up at once, before reading anything.
  closing: (socket) => socket.destroy(),
  // Greets, answers each line with an error, says goodbye to QUIT.
  banner: (socket) => {
    socket.write(BANNER);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line.toUpperCase() === 'QUIT') return void socket.end('221 bye\r\n');
        socket.write('500 unknown command\r\n');
      }
    });
    socket.on('end', () => socket.end());
  },
};

export async function startServer(behaviour: Behaviour): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const errors: string[] = [];
  const ends = { count: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
    socket.on('end', () => ends.count++);
    BEHAVIOURS[behaviour](socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
    errors,
    ends,
    async waitForNoConnections(ms) {
      const until = Date.now() + ms;
      while (sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      return sockets.size === 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (a server was there a moment ago). */
export async function closedPort(): Promise<Endpoint> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { host: '127.0.0.1', port };
}
