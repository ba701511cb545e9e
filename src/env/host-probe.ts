import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import type { ContainerRuntime, EngineInfo } from '../engine/docker/runtime.js';

/** What the prerequisite checks need to know about the host: one seam for every side effect. */
export interface HostProbe {
  uid(): number;
  exists(path: string): Promise<boolean>;
  /** First line of `cmd args` (stdout, else stderr), or undefined if it cannot run. */
  version(cmd: string, args: readonly string[]): Promise<string | undefined>;
  engine(): Promise<EngineInfo>;
}

/**
 * How long the engine may take to say what it is. It answers in milliseconds when it runs; a
 * socket whose daemon is stuck accepts the connection and never answers, and Docker's client
 * has no timeout of its own, so without this the check waited forever.
 */
const ENGINE_ANSWER_TIMEOUT_MS = 10_000;

/** `info()` within `timeoutMs`, else an error naming where the engine was asked (DOCKER_HOST or its default). */
function answerWithin(info: Promise<EngineInfo>, timeoutMs: number, where: string): Promise<EngineInfo> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${where} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([info, late]).finally(() => clearTimeout(timer));
}

export function realHostProbe(runtime: ContainerRuntime, options: { engineTimeoutMs?: number } = {}): HostProbe {
  const where = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  return {
    uid: () => process.getuid?.() ?? -1,
    exists: (path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    version: (cmd, args) =>
      new Promise((resolve) => {
        execFile(cmd, [...args], { timeout: 10_000 }, (err, stdout, stderr) => {
          const text = `${stdout}`.trim() || `${stderr}`.trim();
          resolve(err && !text ? undefined : text.split('\n')[0]);
        });
      }),
    engine: () => answerWithin(runtime.info(), options.engineTimeoutMs ?? ENGINE_ANSWER_TIMEOUT_MS, where),
  };
}
