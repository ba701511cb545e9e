import { TracerError } from '../../shared/errors.js';
import type { Tracer } from './tracer.js';

/**
 * Watches a tracer for its death, lost events included: a tracer that dropped lines has seen
 * less than the container did, and a profile mined (or a proof judged) from it would be wrong
 * in the unsafe direction. `assertAlive` throws TracerError once either happened.
 */
export function watchTracer(tracer: Tracer, while_: string): { assertAlive(): void } {
  let died: string | undefined;
  tracer.onDeath((reason) => (died ??= reason));
  return {
    assertAlive(): void {
      if (died === undefined) return;
      if (/\blost\b/i.test(died))
        throw new TracerError(`tracer lost events while ${while_} (${died}): refusing a result built on an incomplete trace`);
      throw new TracerError(`tracer died while ${while_}: ${died}`);
    },
  };
}
