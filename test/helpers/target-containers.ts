import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import type { Endpoint } from '../../generators/types.js';
import { readyCheck } from '../../targets/ready/check.js';
import type { TargetSpec } from '../../targets/types.js';
import { containerSettings } from '../../src/engine/container-session.js';
import { createOptions, ENGINE_DEFAULT_PROFILE } from '../../src/engine/docker/dockerode-runtime.js';

const TEST_LABELS = { sandfuzz: 'test' };

/** A started target container and where its port is published. */
export interface StartedTarget {
  readonly container: Dockerode.Container;
  readonly endpoint: Endpoint;
}

/**
 * Starts target containers the way a user's `docker run -p` would (image defaults, port on a
 * free loopback port), outside sandfuzz, and removes every one it started on `removeAll`.
 */
export class TargetContainers {
  private readonly created: Dockerode.Container[] = [];

  constructor(
    private readonly docker: Dockerode,
    private readonly readyTimeoutMs = 30_000,
  ) {}

  /** Creates and starts the target's container and waits until the target says it is ready. */
  async start(target: TargetSpec): Promise<StartedTarget> {
    const portKey = `${target.port}/tcp`;
    // The target's own settings (user, command, tmpfs...), as its file gives them to docker run.
    const container = await this.docker.createContainer(
      createOptions({
        ...containerSettings(target),
        image: target.image,
        name: `sandfuzz-test-${target.name}-${process.pid}-${Date.now().toString(36)}`,
        seccompProfile: ENGINE_DEFAULT_PROFILE,
        labels: TEST_LABELS,
      }),
    );
    this.created.push(container);
    await container.start();
    const info = await container.inspect();
    const port = Number(info.NetworkSettings.Ports[portKey]?.[0]?.HostPort);
    if (!(port > 0)) throw new Error(`${target.name}: port ${portKey} was not published`);
    const endpoint = { host: '127.0.0.1', port };
    await this.waitReady(target, container, endpoint);
    return { container, endpoint };
  }

  /** Stops through the image's STOPSIGNAL and returns the exit code. */
  async stop(target: TargetSpec, container: Dockerode.Container): Promise<number> {
    await container.stop({ t: target.run.stopTimeoutSec });
    return (await container.inspect()).State.ExitCode;
  }

  /** Force-removes every container this instance started (for afterEach/afterAll). */
  async removeAll(): Promise<void> {
    await Promise.all(this.created.splice(0).map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
  }

  private async waitReady(target: TargetSpec, container: Dockerode.Container, endpoint: Endpoint): Promise<void> {
    const deadline = Date.now() + this.readyTimeoutMs;
    const check = readyCheck(target.ready.probe, target.protocol, target.run.environment);
    const exec = async (cmd: readonly string[]): Promise<number> => {
      const e = await container.exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
      const stream = await e.start({ hijack: true, stdin: false });
      await new Promise((r) => (stream.on('end', r), stream.resume()));
      return (await e.inspect()).ExitCode ?? -1;
    };
    while (Date.now() < deadline) {
      if (await check(endpoint, exec)) return;
      const state = (await container.inspect()).State;
      if (!state.Running) throw new Error(`${target.name} exited (${state.ExitCode}):\n${await logsOf(container)}`);
      await sleep(200);
    }
    throw new Error(`${target.name} not ready after ${this.readyTimeoutMs} ms:\n${await logsOf(container)}`);
  }
}

/** The container's last log lines, readable in an assertion message. */
export async function logsOf(container: Dockerode.Container): Promise<string> {
  const raw = await container.logs({ stdout: true, stderr: true, tail: 40 });
  // Multiplexed frames carry 8-byte headers; strip the control bytes for a readable message.
  return raw.toString('latin1').replace(/[\x00-\x08\x0b-\x1f]/g, '');
}
