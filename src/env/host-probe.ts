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

export function realHostProbe(runtime: ContainerRuntime): HostProbe {
  return {
    uid: () => process.getuid?.() ?? -1,
    exists: (path) => access(path).then(() => true, () => false),
    version: (cmd, args) =>
      new Promise((resolve) => {
        execFile(cmd, [...args], { timeout: 10_000 }, (err, stdout, stderr) => {
          const text = `${stdout}`.trim() || `${stderr}`.trim();
          resolve(err && !text ? undefined : text.split('\n')[0]);
        });
      }),
    engine: () => runtime.info(),
  };
}
