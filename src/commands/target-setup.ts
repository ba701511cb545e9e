import { ensureImage } from '../../targets/build.js';
import type { ImageStore } from '../../targets/image-store.js';
import { PROTOCOLS } from '../../targets/protocols.js';
import { resolveTargetSpec } from '../../targets/resolve.js';
import type { TargetDefinition, TargetSpec } from '../../targets/types.js';
import { createWorkload } from '../../generators/index.js';
import { loadOpenApiDocument } from '../../generators/openapi/index.js';
import type { GuidedGenerator } from '../../generators/types.js';
import { ImageMissingError, UsageError } from '../shared/errors.js';

/** What is known of a target's image once it is on the engine, for provenance. */
export interface ImageProvenance {
  readonly imageId: string;
  readonly repoDigests: readonly string[];
  /** Whether sandfuzz built it just now (built-ins only). */
  readonly built: boolean;
}

/**
 * Makes a target ready to mine: builds a built-in's image (or reuses it), or finds a user's image
 * on the local engine (never pulls), then fills in protocol and port from its EXPOSE ports.
 */
export async function setUpTarget(
  def: TargetDefinition,
  deps: { readonly images: ImageStore; readonly log: (line: string) => void; readonly signal?: AbortSignal },
): Promise<{ spec: TargetSpec; image: ImageProvenance }> {
  let built = false;
  if (def.build) ({ built } = await ensureImage(deps.images, def, { log: deps.log, ...(deps.signal ? { signal: deps.signal } : {}) }));
  const facts = await deps.images.inspectImage(def.image);
  if (!facts) {
    throw new ImageMissingError(
      `image ${def.image} is not on the local Docker engine (sandfuzz never pulls): build or load it first (docker build -t ${def.image} ., or docker load -i FILE)`,
    );
  }
  const { spec, guessed } = resolveTargetSpec(def, facts.exposedTcpPorts);
  if (guessed) deps.log(`guessed ${guessed} (set --protocol/--port or protocol:/port: to choose)`);
  if (spec.openapi && spec.protocol !== 'http') {
    throw new UsageError(`${def.name}: an OpenAPI description needs protocol http (the target speaks ${spec.protocol})`);
  }
  // A local description is checked before any container starts: a bad file is one line, exit 65.
  if (spec.openapi && 'file' in spec.openapi) await loadOpenApiDocument(spec.openapi);
  return { spec, image: { imageId: facts.id, repoDigests: facts.repoDigests, built } };
}

/** A fresh workload for a target: its protocol's generator, its OpenAPI operations, its own commands. */
export function workloadFor(spec: TargetSpec, signal?: AbortSignal): GuidedGenerator {
  return createWorkload({
    generator: spec.generator,
    ...(spec.workload ? { constraints: spec.workload } : {}),
    ...(spec.openapi ? { openapi: spec.openapi } : {}),
    hostWorkloads: spec.workloads,
    scheme: PROTOCOLS[spec.protocol].scheme,
    ...(signal ? { signal } : {}),
  });
}
