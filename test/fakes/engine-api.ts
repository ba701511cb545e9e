import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the fake engine holds and how it misbehaves. */
export interface FakeEngineOptions {
  /** Local images by reference, with the TCP ports each EXPOSEs. */
  readonly images?: Readonly<Record<string, readonly number[]>>;
  /** The message of the engine's 500 answer to every container start. */
  readonly startError?: string;
  /** Accept every request and never answer: a daemon that is stuck. */
  readonly silent?: boolean;
}

type Answer = readonly [status: number, body?: unknown];

/**
 * The Docker Engine API on a unix socket, as far as a run goes before it mines: version, info,
 * container list, image inspect, container create, start, inspect and remove. Point DOCKER_HOST
 * at `url` and the real adapters (dockerode) talk to it, so their own error handling is what a
 * test sees. Everything else answers 404 and is kept in `unknown`.
 */
export class FakeEngineApi {
  /** 'METHOD /path' of every request, in order, without the API version prefix. */
  readonly requests: string[] = [];
  readonly unknown: string[] = [];
  private constructor(
    readonly socketPath: string,
    private readonly server: Server,
  ) {}

  get url(): string {
    return `unix://${this.socketPath}`;
  }

  static async listen(socketPath: string, options: FakeEngineOptions = {}): Promise<FakeEngineApi> {
    await rm(socketPath, { force: true });
    let engine: FakeEngineApi | undefined;
    const server = createServer((req, res) => engine!.handle(req, res, options));
    engine = new FakeEngineApi(socketPath, server);
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
    return engine;
  }

  async close(): Promise<void> {
    // A silent engine still holds its requests open: cut them, or close waits for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
  }

  private handle(req: IncomingMessage, res: ServerResponse, options: FakeEngineOptions): void {
    const path = (req.url ?? '/').replace(/^\/v\d+\.\d+/, '').split('?')[0]!;
    const request = `${req.method} ${path}`;
    this.requests.push(request);
    req.resume();
    if (options.silent) return;
    const [status, body] = this.answer(request, options);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private answer(request: string, options: FakeEngineOptions): Answer {
    if (request === 'GET /_ping') return [200, 'OK'];
    if (request === 'GET /version') return [200, { Version: '20.10.24', ApiVersion: '1.41', KernelVersion: '6.1.0-fake' }];
    if (request === 'GET /info') return [200, { SecurityOptions: ['name=seccomp,profile=default'], KernelVersion: '6.1.0-fake' }];
    if (request === 'GET /containers/json') return [200, []];
    if (request === 'POST /containers/create') return [201, { Id: randomBytes(32).toString('hex'), Warnings: [] }];
    const image = /^GET \/images\/(.+)\/json$/.exec(request)?.[1];
    if (image !== undefined) {
      const ports = options.images?.[decodeURIComponent(image)];
      if (!ports) return [404, { message: `No such image: ${decodeURIComponent(image)}` }];
      const exposed = Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}]));
      return [200, { Id: `sha256:${'ab'.repeat(32)}`, RepoDigests: [], Config: { ExposedPorts: exposed, Labels: {} } }];
    }
    if (/^POST \/containers\/\w+\/start$/.test(request)) return options.startError ? [500, { message: options.startError }] : [204];
    if (/^POST \/containers\/\w+\/stop$/.test(request)) return [304];
    if (/^DELETE \/containers\/\w+$/.test(request)) return [204];
    if (/^GET \/containers\/\w+\/json$/.test(request)) return [200, { State: { Running: false, ExitCode: 0, OOMKilled: false, Pid: 0 } }];
    this.unknown.push(request);
    return [404, { message: `fake engine: no route for ${request}` }];
  }
}
