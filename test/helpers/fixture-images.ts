import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type Dockerode from 'dockerode';
import { retireImage } from '../../targets/cleanup.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';

/**
 * Fixture images: servers that are NOT sandfuzz targets, built the way a user's own images are, for
 * end-to-end tests of mining images sandfuzz knows nothing about. Each is built locally once (no
 * registry) and reused while the label below matches its inputs; a warm call only inspects images
 * and hashes a few small files.
 *
 *   go-http    FROM scratch: a static Go file server (compiled on the host), uid 65534, read-only root
 *   py-api     Flask + SQLite API with /openapi.json, shell entry point, non-root
 *   memcached  Debian's memcached (a protocol sandfuzz has no generator for), non-root
 *   node-api   Debian's Node.js: a node:http JSON service (thread pool, child processes, SIGHUP), non-root
 *
 * Host needs: mmdebstrap (the fixture base), golang-go (go-http), a Docker engine.
 * Self-contained on purpose (dockerode and node: only): it builds test inputs and must not change
 * when sandfuzz's own image code does.
 */

export const FIXTURE_NAMES = ['go-http', 'py-api', 'memcached', 'node-api'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** Same label key as the targets' images (targets/build.ts). */
export const FIXTURE_LABEL = 'sandfuzz.context-sha256';
export const FIXTURE_BASE_REPO = 'sandfuzz-fixture/base';
export const FIXTURE_BASE_TAG = 'bookworm';
export const FIXTURE_BASE_IMAGE = `${FIXTURE_BASE_REPO}:${FIXTURE_BASE_TAG}`;
/** What the fixture base rootfs holds beyond Debian's essential set (apt resolves dependencies). */
export const FIXTURE_BASE_PACKAGES: readonly string[] = ['python3-flask', 'memcached', 'nodejs', 'passwd'];
/** Debian packages the host needs to build the fixtures (on top of docker.io). */
export const FIXTURE_HOST_PACKAGES: readonly string[] = ['mmdebstrap', 'golang-go'];

export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');
const IMAGES_DIR = join(FIXTURES_DIR, 'images');
/** Folder of the fixtures' target files (<name>.yaml) and their host scripts (workloads/). */
export const FIXTURE_TARGETS_DIR = join(FIXTURES_DIR, 'targets');

export function fixtureImage(name: FixtureName): string {
  return `sandfuzz-fixture/${name}:latest`;
}

export function fixtureTargetFile(name: FixtureName): string {
  return join(FIXTURE_TARGETS_DIR, `${name}.yaml`);
}

export interface FixtureBuildOptions {
  /** Build even when an image with a matching label exists (no layer cache either). */
  readonly rebuild?: boolean;
  readonly log?: (line: string) => void;
}

export interface FixtureBuildResult {
  readonly image: string;
  readonly imageId: string;
  readonly built: boolean;
  readonly seconds: number;
}

const SUITE = 'bookworm';
const MMDEBSTRAP_TIMEOUT_MS = 15 * 60_000;
const GO_BUILD_TIMEOUT_MS = 5 * 60_000;
// Bump when the way a fixture is built changes in a way its inputs do not show.
const RECIPE_VERSION = '1';

function mmdebstrapOptions(): string[] {
  return [
    '--variant=apt',
    `--include=${FIXTURE_BASE_PACKAGES.join(',')}`,
    // Documentation and translations are no part of what the servers do: a smaller image.
    '--dpkgopt=path-exclude=/usr/share/man/*',
    '--dpkgopt=path-exclude=/usr/share/doc/*',
    '--dpkgopt=path-include=/usr/share/doc/*/copyright',
    '--dpkgopt=path-exclude=/usr/share/locale/*',
  ];
}

/**
 * Makes sure the named fixture images (all by default) exist and match their sources, building
 * what is missing or stale. Idempotent and safe to call concurrently: builds in flight are shared.
 */
export async function ensureFixtureImages(
  docker: Dockerode,
  names: readonly string[] = FIXTURE_NAMES,
  opts: FixtureBuildOptions = {},
): Promise<void> {
  const wanted = [...new Set(names)];
  for (const name of wanted) {
    if (!isFixtureName(name)) throw new Error(`unknown fixture image "${name}": choose from ${FIXTURE_NAMES.join(', ')}`);
  }
  await Promise.all(wanted.map((name) => ensureFixtureImage(docker, name as FixtureName, opts)));
}

/** A cold build (mmdebstrap of the fixture base, go build) takes under a minute; allow for a slow mirror. */
export const FIXTURE_BUILD_TIMEOUT_MS = 900_000;

/** ensureFixtureImages for test hooks and scripts: a failure carries the build's last log lines. */
export async function prepareFixtureImages(docker: Dockerode, names: readonly FixtureName[] = FIXTURE_NAMES): Promise<void> {
  const tail: string[] = [];
  const log = (line: string): void => void (tail.push(line) > 30 && tail.shift());
  const started = Date.now();
  try {
    await ensureFixtureImages(docker, names, { log });
  } catch (err) {
    throw new Error(`fixture images ${names.join(', ')}: ${(err as Error).message}\n${tail.join('\n')}`, { cause: err });
  }
  const secs = (Date.now() - started) / 1000;
  if (secs > 1) console.log(`fixture images ${names.join(', ')} ready in ${secs.toFixed(1)} s`);
}

export function isFixtureName(name: string): name is FixtureName {
  return (FIXTURE_NAMES as readonly string[]).includes(name);
}

const inFlight = new Map<string, Promise<FixtureBuildResult>>();

/** Shares one build of `image` between concurrent callers. */
function once(image: string, work: () => Promise<FixtureBuildResult>): Promise<FixtureBuildResult> {
  const running = inFlight.get(image);
  if (running) return running;
  const started = work().finally(() => inFlight.delete(image));
  inFlight.set(image, started);
  return started;
}

/** One fixture image: reused when its label matches, else built (the fixture base first if needed). */
export function ensureFixtureImage(docker: Dockerode, name: FixtureName, opts: FixtureBuildOptions = {}): Promise<FixtureBuildResult> {
  const image = fixtureImage(name);
  const log = opts.log ? (line: string) => opts.log!(`${name}: ${line}`) : undefined;
  return once(image, async () => {
    const t0 = Date.now();
    const seconds = () => (Date.now() - t0) / 1000;
    if (name === 'go-http') {
      const site = goHttpSite();
      const digest = await sourceDigest(`scratch\n${siteListing(site)}`, join(IMAGES_DIR, name));
      const existing = await inspectImage(docker, image);
      if (!opts.rebuild && existing?.labels[FIXTURE_LABEL] === digest) return { image, imageId: existing.id, built: false, seconds: seconds() };
      const imageId = await buildGoHttp(docker, image, site, digest, opts.rebuild ?? false, log);
      if (existing && existing.id !== imageId) await retireImage(new DockerodeImageStore(docker), existing.id, log);
      return { image, imageId, built: true, seconds: seconds() };
    }
    const base = await ensureFixtureBase(docker, opts);
    const contextDir = join(IMAGES_DIR, name);
    const files = await listFiles(contextDir);
    const digest = await sourceDigest(`${base.imageId}\n`, contextDir, files);
    const existing = await inspectImage(docker, image);
    if (!opts.rebuild && existing?.labels[FIXTURE_LABEL] === digest) return { image, imageId: existing.id, built: false, seconds: seconds() };
    const imageId = await buildFromContext(docker, image, contextDir, files, digest, opts.rebuild ?? false, log);
    if (existing && existing.id !== imageId) await retireImage(new DockerodeImageStore(docker), existing.id, log);
    return { image, imageId, built: true, seconds: seconds() };
  });
}

/** The fixture base: a Debian rootfs made by mmdebstrap and imported, labelled with its recipe. */
export function ensureFixtureBase(docker: Dockerode, opts: FixtureBuildOptions = {}): Promise<FixtureBuildResult> {
  const log = opts.log ? (line: string) => opts.log!(`base: ${line}`) : undefined;
  return once(FIXTURE_BASE_IMAGE, async () => {
    const t0 = Date.now();
    const digest = sha256(`fixture-base ${RECIPE_VERSION}\n${SUITE}\n${mmdebstrapOptions().join('\n')}\n`);
    const existing = await inspectImage(docker, FIXTURE_BASE_IMAGE);
    if (!opts.rebuild && existing?.labels[FIXTURE_LABEL] === digest) {
      return { image: FIXTURE_BASE_IMAGE, imageId: existing.id, built: false, seconds: (Date.now() - t0) / 1000 };
    }
    const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-fixture-base-'));
    let imageId: string;
    try {
      const tar = join(dir, 'rootfs.tar');
      await run('mmdebstrap', [...mmdebstrapOptions(), SUITE, tar, pickMirror()], {
        timeoutMs: MMDEBSTRAP_TIMEOUT_MS,
        missing: 'mmdebstrap not found: apt-get install mmdebstrap',
        ...(log ? { log } : {}),
      });
      log?.(`importing ${tar} as ${FIXTURE_BASE_IMAGE}`);
      const stream = await docker.importImage(tar, {
        repo: FIXTURE_BASE_REPO,
        tag: FIXTURE_BASE_TAG,
        changes: [`LABEL ${FIXTURE_LABEL}=${digest}`],
      });
      const outcome = await followProgress(docker, stream, log);
      if (outcome.error) throw new Error(`import of ${FIXTURE_BASE_IMAGE} failed: ${outcome.error}`);
      const facts = await inspectImage(docker, FIXTURE_BASE_IMAGE);
      if (facts?.labels[FIXTURE_LABEL] !== digest) throw new Error(`import of ${FIXTURE_BASE_IMAGE} left no image with its label`);
      imageId = facts.id;
    } finally {
      // The tarball is a few hundred MB: never leave it behind.
      await rm(dir, { recursive: true, force: true });
    }
    if (existing && existing.id !== imageId) await retireImage(new DockerodeImageStore(docker), existing.id, log);
    return { image: FIXTURE_BASE_IMAGE, imageId, built: true, seconds: (Date.now() - t0) / 1000 };
  });
}

async function buildGoHttp(
  docker: Dockerode,
  image: string,
  site: readonly SiteFile[],
  digest: string,
  noCache: boolean,
  log?: (line: string) => void,
): Promise<string> {
  const src = join(IMAGES_DIR, 'go-http');
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-fixture-go-http-'));
  try {
    await buildGoBinary(src, join(dir, 'go-http'), log);
    await copyFile(join(src, 'Dockerfile'), join(dir, 'Dockerfile'));
    await copyFile(join(src, 'config.json'), join(dir, 'config.json'));
    await chmod(join(dir, 'config.json'), 0o644);
    await writeFile(join(dir, 'tmp.tar'), directoryTar('tmp', 0o1777, SITE_MTIME));
    const files = ['Dockerfile', 'config.json', 'go-http', 'tmp.tar'];
    for (const f of site) {
      const path = join(dir, 'www', f.path);
      await mkdir(dirname(path), { recursive: true, mode: 0o755 });
      await writeFile(path, f.data, { mode: 0o644 });
      await utimes(path, SITE_MTIME, SITE_MTIME);
      files.push(`www/${f.path}`);
    }
    return await buildFromContext(docker, image, dir, files.sort(), digest, noCache, log);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `CGO_ENABLED=0 go build`: a static binary, standard library only, nothing fetched. */
async function buildGoBinary(srcDir: string, out: string, log?: (line: string) => void): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: '0',
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GOWORK: 'off',
    GO111MODULE: 'on',
  };
  // go refuses to run without a build cache; CI shells may have no HOME.
  if (!env.GOCACHE && !env.XDG_CACHE_HOME && !env.HOME) env.GOCACHE = join(tmpdir(), 'sandfuzz-go-cache');
  await run('go', ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w -buildid=', '-o', out, '.'], {
    cwd: srcDir,
    env,
    timeoutMs: GO_BUILD_TIMEOUT_MS,
    missing: 'go not found: apt-get install golang-go (the go-http fixture is compiled on the host)',
    ...(log ? { log } : {}),
  });
  await chmod(out, 0o755);
}

async function buildFromContext(
  docker: Dockerode,
  image: string,
  contextDir: string,
  files: readonly string[],
  digest: string,
  noCache: boolean,
  log?: (line: string) => void,
): Promise<string> {
  const stream = await docker.buildImage(
    { context: contextDir, src: [...files] },
    { t: image, labels: { [FIXTURE_LABEL]: digest }, rm: true, forcerm: true, nocache: noCache },
  );
  const outcome = await followProgress(docker, stream, log).catch((err: unknown) => {
    throw new Error(`build of ${image} broke off: ${oneLine(err)}`, { cause: err });
  });
  if (outcome.error) throw new Error(`build of ${image} failed: ${outcome.error}`);
  const built = await inspectImage(docker, image);
  if (built?.labels[FIXTURE_LABEL] !== digest) throw new Error(`build of ${image} reported success but left no image with its label`);
  return built.id;
}

// --- go-http's document root -------------------------------------------------------------------

export interface SiteFile {
  /** Path under the document root, no leading slash. */
  readonly path: string;
  readonly data: Buffer;
}

/** Every served file's mtime, so Last-Modified (and If-Modified-Since answers) stay put across builds. */
export const SITE_MTIME = new Date('2024-01-01T00:00:00Z');
export const SITE_LAST_MODIFIED = 'Mon, 01 Jan 2024 00:00:00 GMT';
export const BIG_FILE_SIZE = 1 << 20;

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n${body}\n</body></html>\n`;

/**
 * The files go-http serves from /srv/www, generated (not committed: 1 MiB of noise has no place in
 * git) and deterministic, so workloads can check every byte they get back. `files/` has no index
 * page: the server answers with a directory listing.
 */
export function goHttpSite(): SiteFile[] {
  const big = Buffer.alloc(BIG_FILE_SIZE);
  // xorshift32: incompressible-looking bytes, the same on every build.
  let x = 0x9e3779b9;
  for (let i = 0; i < big.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    big.writeUInt32LE(x >>> 0, i);
  }
  const text = (s: string) => Buffer.from(s, 'utf8');
  return [
    {
      path: 'index.html',
      data: text(
        page(
          'go-http fixture',
          '<ul>\n<li><a href="/about.html">About</a></li>\n<li><a href="/docs/">Docs</a></li>\n<li><a href="/docs/guide.html">Guide</a></li>\n<li><a href="/files/">Files</a></li>\n<li><a href="/files/1m.bin">1 MiB of data</a></li>\n</ul>',
        ),
      ),
    },
    {
      path: 'about.html',
      data: text(
        page('About', '<p>A static file server written in Go, running FROM scratch.</p>\n<p><a href="/">Home</a> | <a href="/docs/">Docs</a></p>'),
      ),
    },
    {
      path: 'docs/index.html',
      data: text(page('Docs', '<p><a href="guide.html">Guide</a> | <a href="../about.html">About</a> | <a href="/">Home</a></p>')),
    },
    {
      path: 'docs/guide.html',
      data: text(
        page(
          'Guide',
          `<p>${'Ranges, conditional requests and listings are handled by net/http. '.repeat(40)}</p>\n<p><a href="./">Docs</a> | <a href="/">Home</a></p>`,
        ),
      ),
    },
    { path: 'files/1m.bin', data: big },
    {
      path: 'files/notes.txt',
      data: text(Array.from({ length: 200 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}: the quick brown fox\n`).join('')),
    },
    { path: 'robots.txt', data: text('User-agent: *\nAllow: /\n') },
  ];
}

function siteListing(site: readonly SiteFile[]): string {
  return site.map((f) => `${f.path} ${f.data.length} ${sha256(f.data)}\n`).join('') + `mtime ${SITE_MTIME.toISOString()}\n`;
}

// --- small helpers ------------------------------------------------------------------------------

/**
 * A tar archive holding one empty directory, owned by root, with `mode`. FROM scratch has no RUN to
 * mkdir and chmod with, and COPY makes directories 0755; ADD extracts a local tar keeping modes.
 */
export function directoryTar(name: string, mode: number, mtime: Date): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string): void => void header.write(value, offset, length, 'ascii');
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  field(0, 100, `${name}/`);
  field(100, 8, octal(mode, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(0, 12));
  field(136, 12, octal(Math.floor(mtime.getTime() / 1000), 12));
  field(148, 8, '        ');
  field(156, 1, '5');
  field(257, 8, 'ustar\x0000');
  field(265, 32, 'root');
  field(297, 32, 'root');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return Buffer.concat([header, Buffer.alloc(1024)]);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function listFiles(dir: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    // Droppings of running the sources by hand are no input: python bytecode, editor backups.
    if (entry.name === '__pycache__' || /\.pyc$|~$|\.swp$/.test(entry.name)) continue;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Digest of a prefix (base image id, site listing) and every file of `dir`. */
async function sourceDigest(prefix: string, dir: string, files?: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(`fixture ${RECIPE_VERSION}\n${prefix}`);
  for (const file of files ?? (await listFiles(dir))) {
    const content = await readFile(join(dir, file));
    hash.update(`${file}\n${content.length}\n`).update(content);
  }
  return hash.digest('hex');
}

interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Message when the program is not installed. */
  readonly missing: string;
  readonly log?: (line: string) => void;
}

/** Runs a program, forwarding its output lines to `log`; rejects with its last lines on failure. */
function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<void> {
  opts.log?.(`${cmd} ${args.join(' ')}`);
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: opts.timeoutMs,
  });
  const tail: string[] = [];
  const onLine = (line: string): void => {
    opts.log?.(line);
    tail.push(line);
    if (tail.length > 30) tail.shift();
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  return new Promise((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'ENOENT' ? opts.missing : `${cmd} failed to start: ${err.message}`, { cause: err })),
    );
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`${cmd} ${why}:\n${tail.join('\n')}`));
    });
  });
}

// --- Docker plumbing (like targets/, kept apart from it) ----------------------------------------

interface ImageFacts {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

async function inspectImage(docker: Dockerode, ref: string): Promise<ImageFacts | undefined> {
  try {
    const info = await docker.getImage(ref).inspect();
    return { id: info.Id, labels: info.Config?.Labels ?? {} };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw new Error(`cannot inspect image ${ref}: ${oneLine(err)}`, { cause: err });
  }
}

/** Follows a build or import stream to its end; resolves with the last error it reported, if any. */
function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, log?: (line: string) => void): Promise<{ error?: string }> {
  let error: string | undefined;
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve(error === undefined ? {} : { error })),
      (event: { stream?: string; status?: string; error?: string; errorDetail?: { message?: string } }) => {
        const message = event.errorDetail?.message ?? event.error;
        if (message) error = message.trim().split('\n').at(-1);
        for (const line of (message ?? event.stream ?? event.status ?? '').split('\n')) {
          if (line.trim()) log?.(line.trimEnd());
        }
      },
    );
  });
}

/** The host's apt sources when present (they work behind its proxy or mirror), else Debian's CDN. */
function pickMirror(): string {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (existsSync(file)) return file;
  }
  return 'http://deb.debian.org/debian';
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}
