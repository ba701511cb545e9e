import Docker from 'dockerode';
import type { ImageStore } from '../../targets/image-store.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { DockerodeImageStore } from '../engine/docker/dockerode-images.js';
import { DockerodeRuntime } from '../engine/docker/dockerode-runtime.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { BpftraceTracer } from '../engine/tracer/bpftrace.js';
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
  /** A fresh bpftrace per call (run shares one through SharedTracer instead). */
  readonly createTracer: () => Tracer;
}

/** One Docker API client for containers and images alike. */
export function realDeps(): RealDeps {
  const docker = new Docker();
  const runtime = new DockerodeRuntime(docker);
  return {
    runtime,
    images: new DockerodeImageStore(docker),
    probe: realHostProbe(runtime),
    fs: nodeOutputFs,
    clock: systemClock,
    createTracer: () => new BpftraceTracer(),
  };
}
