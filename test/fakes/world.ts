import { resolveTargetSpec } from '../../targets/resolve.js';
import type { LifecycleAction, TargetDefinition, TargetSpec } from '../../targets/types.js';
import type { RunDeps } from '../../src/commands/run.js';
import { minUnitsForFamilies } from '../../src/config/run-options.js';
import { CleanupStack } from '../../src/engine/cleanup.js';
import { mine, type MiningResult } from '../../src/engine/mine.js';
import type { HostProbe } from '../../src/env/host-probe.js';
import { InterruptedError } from '../../src/shared/errors.js';
import { FakeClock } from './fake-clock.js';
import { FakeFs } from './fake-fs.js';
import { FakeGenerator } from './fake-generator.js';
import { FakeRuntime } from './fake-runtime.js';
import { FakeTracers } from './fake-tracer.js';

export const FAKE_IMAGE = 'sandfuzz/fake:latest';
export const FAKE_PORT = 9000;

/** A target the fakes can run: an exec readiness probe (answered by FakeRuntime.readyWhen). */
export function fakeDefinition(over: Partial<TargetDefinition> = {}): TargetDefinition {
  return {
    name: 'fake',
    description: 'a fake server',
    image: FAKE_IMAGE,
    protocol: 'tcp',
    port: FAKE_PORT,
    run: { environment: {}, tmpfs: {}, readOnly: false, stopTimeoutSec: 5 },
    ready: { probe: { kind: 'exec', cmd: ['ready'] }, timeoutMs: 10_000 },
    lifecycle: [],
    workloads: [],
    source: { kind: 'builtin', sha256: '0'.repeat(64) },
    ...over,
  };
}

export function fakeSpec(over: Partial<TargetDefinition> = {}): TargetSpec {
  return resolveTargetSpec(fakeDefinition(over), [FAKE_PORT]).spec;
}

/**
 * Every fake wired together, as src/cli/wiring.ts wires the real ones: the runtime's containers
 * make syscalls the tracers see, the generator's units reach the runtime's containers, all on
 * one fake clock. The prerequisites probe goes through runtime.script as 'probe'.
 */
export class FakeWorld {
  readonly clock = new FakeClock();
  readonly runtime = new FakeRuntime();
  readonly tracers = new FakeTracers(this.clock);
  readonly fs = new FakeFs(['/out']);
  readonly generator = new FakeGenerator(this.runtime, this.clock);
  readonly cleanup = new CleanupStack();
  readonly controller = new AbortController();
  readonly log: string[] = [];

  constructor() {
    this.runtime.onSyscalls = (mntns, nrs) => this.tracers.emit(mntns, nrs);
    this.runtime.addImage(FAKE_IMAGE, [FAKE_PORT]);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ctrl-C, as the CLI handler delivers it. */
  readonly interrupt = (): void => this.controller.abort(new InterruptedError('interrupted by SIGINT'));

  readonly probe: HostProbe = {
    uid: () => 0,
    exists: async () => true,
    version: async (cmd) => `${cmd} 1.0 (fake)`,
    engine: () => this.runtime.script.run('probe', [], () => this.runtime.info()),
  };

  runDeps(): RunDeps {
    return {
      runtime: this.runtime,
      images: this.runtime,
      probe: this.probe,
      createTracer: this.tracers.create,
      fs: this.fs,
      clock: this.clock,
      cleanup: this.cleanup,
      signal: this.signal,
      log: (line) => void this.log.push(line),
      workload: () => this.generator,
      renderHtml: async ({ report }) => `<html>${report.target}</html>`,
    };
  }

  /** Mines the fake target as `run` would (tracer started first, stopped by the cleanup stack). */
  async mine(lifecycle: readonly LifecycleAction[] = []): Promise<MiningResult> {
    const tracer = this.tracers.create();
    this.cleanup.defer('stop tracer', () => tracer.stop());
    await tracer.start();
    const target = fakeSpec({ lifecycle: [...lifecycle] });
    return mine(
      {
        target,
        image: target.image,
        generator: this.generator,
        guidance: 'guided',
        seed: 1,
        holdoutShare: 0.2,
        unitTimeoutMs: 1_000,
        rule: { maxTimeMs: 20_000, discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 30 },
        minUnitsFor: minUnitsForFamilies,
      },
      { runtime: this.runtime, tracer, cleanup: this.cleanup, signal: this.signal, clock: this.clock },
    );
  }

  /** What the CLI handler does after every command: run the cleanup stack. Returns its failures. */
  finish(): Promise<string[]> {
    return this.cleanup.runAll();
  }
}
