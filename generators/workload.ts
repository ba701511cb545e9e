import { createHostWorkloadGenerator, type HostWorkloadSpec } from './host/index.js';
import { mixGenerators } from './mix.js';
import { createOpenApiGenerator, type OpenApiSource } from './openapi/index.js';
import type { GuidedGenerator } from './types.js';
import { createGenerator } from './index.js';

/** Everything that drives one target while it is mined and proven. */
export interface WorkloadPlan {
  /** Registry key of the protocol generator. */
  readonly generator: string;
  readonly constraints?: Readonly<Record<string, unknown>>;
  /** An OpenAPI description: its operations join the protocol generator (HTTP only). */
  readonly openapi?: OpenApiSource;
  /** The team's own commands, as families of their own. */
  readonly hostWorkloads: readonly HostWorkloadSpec[];
  /** Scheme of SANDFUZZ_URL for host commands. */
  readonly scheme: string;
  readonly signal?: AbortSignal;
}

/**
 * The workload for a target: the protocol's generic generator, mixed with an OpenAPI-driven one
 * (not instead of it: the generic one still finds the paths the description leaves out) and with
 * the team's own commands. Fresh instances every time.
 */
export function createWorkload(plan: WorkloadPlan): GuidedGenerator {
  const parts: GuidedGenerator[] = [createGenerator(plan.generator, plan.constraints)];
  if (plan.openapi) parts.push(createOpenApiGenerator({ source: plan.openapi }) as GuidedGenerator);
  if (plan.hostWorkloads.length > 0) parts.push(createHostWorkloadGenerator(plan.hostWorkloads, plan.scheme, plan.signal) as GuidedGenerator);
  return mixGenerators(parts);
}
