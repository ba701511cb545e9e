import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/shared/errors.js';
import { definitionOf, nameFromImage } from '../../../targets/file/definition.js';
import { loadTargetFile, parseTargetFile } from '../../../targets/file/load.js';
import { TARGET_FILE_KEYS } from '../../../targets/file/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sandfuzz-target-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const FULL = `
image: team/web-api:1.4
name: web-api
description: the team's API
protocol: http
port: 8080
command: ["serve", "--port", "8080"]
entrypoint: /docker-entrypoint.sh
environment: { MODE: production, WORKERS: 2, DEBUG: false }
user: "1000:1000"
working_dir: /app
shm_size: 128m
tmpfs: [/tmp, "/run:size=16m,mode=1777"]
read_only: true
stop_signal: INT
stop_grace_period: 1m30s
ready: { http: /health, status: 200, timeout: 45s }
openapi: ./api.yaml
http: { paths: [/, /docs] }
lifecycle:
  - signal: HUP
  - { exec: [app, reload], name: app reload, timeout: 20s }
  - { host: [node, scripts/seed.mjs], settle: 2s }
  - restart: graceful
  - restart: hard
  - idle: 5s
  - signal: HUP
workloads:
  - { host: [npm, run, e2e], name: e2e, timeout: 3m }
  - { host: [node, smoke.mjs], cwd: tests }
budget: 2m
x-team: { owner: payments }
`;

describe('target files', () => {
  it('reads every key into a definition, with compose-style values resolved', () => {
    const path = write('web.yaml', FULL);
    const def = loadTargetFile(path);
    expect(def).toMatchObject({
      name: 'web-api',
      description: "the team's API",
      image: 'team/web-api:1.4',
      protocol: 'http',
      port: 8080,
      run: {
        command: ['serve', '--port', '8080'],
        entrypoint: ['/docker-entrypoint.sh'],
        environment: { MODE: 'production', WORKERS: '2', DEBUG: 'false' },
        user: '1000:1000',
        workingDir: '/app',
        shmSizeBytes: 128 * 1024 * 1024,
        tmpfs: { '/tmp': '', '/run': 'size=16m,mode=1777' },
        readOnly: true,
        stopSignal: 'SIGINT',
        stopTimeoutSec: 90,
      },
      ready: { probe: { kind: 'http', path: '/health', status: 200 }, timeoutMs: 45_000 },
      openapi: { file: join(dir, 'api.yaml') },
      workload: { paths: ['/', '/docs'] },
      miningBudgetSec: 120,
      source: { kind: 'file', path },
    });
    expect(def.lifecycle).toEqual([
      { kind: 'signal', name: 'signal SIGHUP', signal: 'SIGHUP', settleMs: 1000 },
      { kind: 'exec', name: 'app reload', cmd: ['app', 'reload'], settleMs: 300, timeoutMs: 20_000 },
      { kind: 'host', name: 'host node scripts/seed.mjs', cmd: ['node', 'scripts/seed.mjs'], cwd: dir, settleMs: 2000, timeoutMs: 60_000 },
      { kind: 'restart', name: 'restart', settleMs: 300 },
      { kind: 'restart', name: 'restart after SIGKILL', settleMs: 300, hard: true },
      { kind: 'idle', name: 'idle 5 s', settleMs: 5000 },
      { kind: 'signal', name: 'signal SIGHUP #2', signal: 'SIGHUP', settleMs: 1000 },
    ]);
    expect(def.workloads).toEqual([
      { name: 'e2e', cmd: ['npm', 'run', 'e2e'], cwd: dir, timeoutMs: 180_000 },
      { name: 'workload-2', cmd: ['node', 'smoke.mjs'], cwd: join(dir, 'tests'), timeoutMs: 120_000 },
    ]);
  });

  it('reads JSON too, and a minimal file is the image alone, defaults filled in', () => {
    const def = loadTargetFile(write('min.json', '{"image": "registry.local:5000/team/Go_Server:2@sha256:abc"}'));
    expect(def).toMatchObject({
      name: 'go_server',
      image: 'registry.local:5000/team/Go_Server:2@sha256:abc',
      run: { environment: {}, tmpfs: {}, readOnly: false, stopTimeoutSec: 10 },
      ready: { probe: { kind: 'protocol' }, timeoutMs: 60_000 },
      workloads: [],
    });
    // No lifecycle named: what every server must survive; an empty list means none.
    expect(def.lifecycle).toEqual([
      { kind: 'idle', name: 'idle 2 s', settleMs: 2000 },
      { kind: 'restart', name: 'restart', settleMs: 300 },
    ]);
    expect(loadTargetFile(write('none.yaml', 'image: x\nlifecycle: []\n')).lifecycle).toEqual([]);
    expect(def.protocol).toBeUndefined();
    expect(def.port).toBeUndefined();
    expect(def.miningBudgetSec).toBeUndefined();
  });

  it('hashes the file bytes for provenance: an edit changes the hash', () => {
    const a = loadTargetFile(write('a.yaml', 'image: x\n'));
    const b = loadTargetFile(write('b.yaml', 'image: x\nport: 80\n'));
    expect(a.source.sha256).toBe(createHash('sha256').update('image: x\n').digest('hex'));
    expect(a.source.sha256).not.toBe(b.source.sha256);
    expect(loadTargetFile(join(dir, 'a.yaml')).source.sha256).toBe(a.source.sha256);
  });

  it('takes environment as a list of KEY=VALUE, tmpfs and commands as one string', () => {
    const file = parseTargetFile('image: x\nenvironment: [A=1, "B=two words", C=]\ntmpfs: /tmp\ncommand: redis-server --port "63 79"\n', 't.yaml');
    const def = definitionOf(file, { kind: 'file', sha256: '' }, dir);
    expect(def.run.environment).toEqual({ A: '1', B: 'two words', C: '' });
    expect(def.run.tmpfs).toEqual({ '/tmp': '' });
    expect(def.run.command).toEqual(['redis-server', '--port', '63 79']);
  });

  it('ready: tcp with send/expect, exec, or only a timeout (the protocol check)', () => {
    const probe = (ready: string) => definitionOf(parseTargetFile(`image: x\nready: ${ready}\n`, 't.yaml'), { kind: 'file', sha256: '' }, dir).ready;
    expect(probe('{tcp: true, send: "PING\\r\\n", expect: "+PONG"}')).toEqual({
      probe: { kind: 'tcp', send: 'PING\r\n', expect: '+PONG' },
      timeoutMs: 60_000,
    });
    expect(probe('{exec: [pg_isready, -q], timeout: 2m}')).toEqual({ probe: { kind: 'exec', cmd: ['pg_isready', '-q'] }, timeoutMs: 120_000 });
    expect(probe('{timeout: 90s}')).toEqual({ probe: { kind: 'protocol' }, timeoutMs: 90_000 });
  });

  it('openapi: a relative file, an absolute file that exists, or a path on the server', () => {
    const existing = write('spec.json', '{}');
    const source = (value: string) =>
      definitionOf(parseTargetFile(`image: x\nopenapi: ${value}\n`, 't.yaml'), { kind: 'file', sha256: '' }, dir).openapi;
    expect(source('api/openapi.yaml')).toEqual({ file: join(dir, 'api/openapi.yaml') });
    expect(source(existing)).toEqual({ file: existing });
    expect(source('/openapi.json')).toEqual({ path: '/openapi.json' });
    expect(() => source('http://example.com/openapi.json')).toThrow(/is a URL/);
  });

  it('derives names from image references', () => {
    expect(nameFromImage('nginx')).toBe('nginx');
    expect(nameFromImage('localhost:5000/a/b-c:1.2')).toBe('b-c');
    expect(nameFromImage('my.registry/x/Y@sha256:00')).toBe('y');
  });

  it('knows every documented key', () => {
    expect([...TARGET_FILE_KEYS].sort()).toEqual([
      'budget',
      'build',
      'command',
      'description',
      'entrypoint',
      'environment',
      'http',
      'image',
      'lifecycle',
      'name',
      'openapi',
      'port',
      'protocol',
      'read_only',
      'ready',
      'shm_size',
      'stop_grace_period',
      'stop_signal',
      'tcp',
      'tmpfs',
      'user',
      'working_dir',
      'workloads',
    ]);
  });
});

describe('target file errors: one line naming the file and the field', () => {
  const ERRORS: Array<[string, string]> = [
    ['', 'web.yaml: expected a mapping of keys such as image, protocol, port'],
    ['port: 80', 'web.yaml: image: required: the image to mine'],
    ['image: 42', 'web.yaml: image: expected an image reference'],
    ['image: x\nimgae: y', "web.yaml: unknown key 'imgae'"],
    ['image: x\nprotocol: gopher', 'web.yaml: protocol: expected one of http, resp, postgres, tcp'],
    ['image: x\nport: "80"', 'web.yaml: port: expected a port number'],
    ['image: x\nport: 70000', 'web.yaml: port: expected a port from 1 to 65535'],
    ['image: x\nport: 80.5', 'web.yaml: port: expected a port number'],
    ['image: x\ncommand: 3', 'web.yaml: command: expected a command: a string or a list of strings'],
    ['image: x\nentrypoint: "sh -c \'x"', 'web.yaml: entrypoint: expected a command: a string or a list of strings (unbalanced quote?)'],
    ['image: x\nenvironment: 3', 'web.yaml: environment: expected a map or a list of KEY=VALUE'],
    ['image: x\nuser: [a]', "web.yaml: user: expected a user such as 'app' or '1000:1000'"],
    ['image: x\nworking_dir: app', 'web.yaml: working_dir: expected an absolute path'],
    ['image: x\nshm_size: lots', "web.yaml: shm_size: expected a size such as '256m' (got 'lots')"],
    ['image: x\ntmpfs: 3', 'web.yaml: tmpfs: expected a path or a list of paths'],
    ['image: x\nread_only: yes please', 'web.yaml: read_only: expected true or false'],
    ['image: x\nstop_signal: 9', "web.yaml: stop_signal: expected a signal name such as 'HUP' or 'SIGTERM'"],
    ['image: x\nstop_grace_period: soon', "web.yaml: stop_grace_period: expected a duration such as '5s', '1m30s' or '500ms' (got 'soon')"],
    ['image: x\nready: /health', 'web.yaml: ready: expected an object such as {http: /health} or {tcp: true} or {exec: [cmd, args...]}'],
    ['image: x\nready: {http: health}', "web.yaml: ready.http: expected a path such as '/health'"],
    ['image: x\nready: {http: /, tcp: true}', 'web.yaml: ready: expected only one of http, tcp'],
    ['image: x\nready: {tcp: true, status: 200}', 'web.yaml: ready.status: only for an http probe'],
    ['image: x\nready: {http: /, send: x}', 'web.yaml: ready.send: only for a tcp probe'],
    ['image: x\nready: {exec: pg_isready}', 'web.yaml: ready.exec: expected a list of strings'],
    ['image: x\nready: {tcp: yes}', 'web.yaml: ready.tcp: expected true'],
    ['image: x\nready: {http: /, timeout: forever}', "web.yaml: ready.timeout: expected a duration such as '5s', '1m30s' or '500ms' (got 'forever')"],
    ['image: x\nopenapi: 3', "web.yaml: openapi: expected a file or a path such as '/openapi.json'"],
    ['image: x\nhttp: [/]', 'web.yaml: http: expected an object of HTTP generator constraints'],
    ['image: x\ntcp: {messages: hello}', 'web.yaml: tcp.messages: expected a list of strings'],
    ['image: x\ntcp: {banner: x}', "web.yaml: tcp: unknown key 'banner'"],
    ['image: x\nlifecycle: {signal: HUP}', 'web.yaml: lifecycle: expected a list of actions'],
    ['image: x\nlifecycle: [{signal: HUP}, {exec: nginx -s reload}]', 'web.yaml: lifecycle[1].exec: expected a list of strings'],
    ['image: x\nlifecycle: [{exec: [nginx, 1]}]', 'web.yaml: lifecycle[0].exec: expected a list of strings'],
    ['image: x\nlifecycle: [{}]', 'web.yaml: lifecycle[0]: expected one of signal, exec, host, restart, idle (the action)'],
    ['image: x\nlifecycle: [{signal: HUP, idle: 2s}]', 'web.yaml: lifecycle[0]: expected only one of signal, idle'],
    ['image: x\nlifecycle: [{restart: now}]', "web.yaml: lifecycle[0].restart: expected 'graceful' or 'hard'"],
    ['image: x\nlifecycle: [{idle: 2 weeks}]', "web.yaml: lifecycle[0].idle: expected a duration such as '5s', '1m30s' or '500ms' (got '2 weeks')"],
    ['image: x\nlifecycle: [{signal: HUP, timeout: 2s}]', 'web.yaml: lifecycle[0].timeout: only for exec and host actions'],
    ['image: x\nlifecycle: [{signal: HUP, wait: 2s}]', "web.yaml: lifecycle[0]: unknown key 'wait'"],
    [
      'image: x\nlifecycle: [HUP]',
      'web.yaml: lifecycle[0]: expected an action such as {signal: HUP}, {exec: [cmd, args...]}, {host: [cmd, args...]}, {restart: graceful} or {idle: 5s}',
    ],
    ['image: x\nworkloads: [{cmd: [npm, test]}]', "web.yaml: workloads[0]: unknown key 'cmd' (and 1 more problem)"],
    ['image: x\nworkloads: [{host: npm test}]', 'web.yaml: workloads[0].host: expected a list of strings'],
    ['image: x\nworkloads: [{host: [a], name: "two words"}]', 'web.yaml: workloads[0].name: expected a name of letters, digits, _ . -'],
    ['image: x\nworkloads: [{host: [a], name: t}, {host: [b], name: t}]', "web.yaml: workloads[1].name: 't' is used twice"],
    ['image: x\nbudget: -5', "web.yaml: budget: expected a duration such as '5s', '1m30s' or '500ms' (got '-5')"],
    ['image: x\nname: Web API', 'web.yaml: name: expected lower-case letters, digits, _ . - (a container name part)'],
    ['image: x\nimage: y', 'web.yaml: not YAML or JSON: Map keys must be unique'],
    ['image: [x', 'web.yaml: not YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ];

  it.each(ERRORS)('%j', (text, message) => {
    const path = write('web.yaml', text);
    let error: unknown;
    try {
      loadTargetFile(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).exitCode).toBe(65);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    expect((error as Error).message).toBe(message);
  });
});
