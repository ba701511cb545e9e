import Docker from 'dockerode';
import type { ImageStore } from '../../targets/image-store.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { DockerodeImageStore } from '../engine/docker/dockerode-images.js';
import { DockerodeRuntime } from '../engine/docker/dockerode-runtime.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { DEFAULT_TRACER, TRACERS, type TracerName } from '../engine/tracer/tracers.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { realHostProbe, type HostProbe } from '../env/host-probe.js';
import { nodeOutputFs, type OutputFs } from '../io/output-fs.js';

/** The real side effects, wired once: every CLI command takes what it needs from here. */
export interface RealDeps {
  readonly runtime: ContainerRuntime;
  readonly images: ImageStore;
  readonly probe: HostProbe;
  readonly fs: OutputFs;
  readonly clock: Clock;
  /** Which tracer createTracer starts (its prerequisites are checked before a run). */
  readonly tracer: TracerName;
  /** A fresh tracer per call (run shares one through SharedTracer instead). */
  readonly createTracer: () => Tracer;
}

/** What a command may choose about its side effects: which tracer (--tracer). */
export interface WireOptions {
  readonly tracer?: TracerName;
}

/** How commands get their side effects: the real ones (realDeps) or a test's. */
export type Wire = (options?: WireOptions) => RealDeps;

/** One Docker API client for containers and images alike; the tracer is the default one unless named. */
export function realDeps(options: WireOptions = {}): RealDeps {
  const tracerName = options.tracer ?? DEFAULT_TRACER;
  const tracer = TRACERS[tracerName];
  const docker = new Docker();
  const runtime = new DockerodeRuntime(docker);
  return {
    runtime,
    images: new DockerodeImageStore(docker),
    probe: realHostProbe(runtime),
    fs: nodeOutputFs,
    clock: systemClock,
    tracer: tracerName,
    createTracer: () => tracer.create(),
  };
}
