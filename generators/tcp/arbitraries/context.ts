import type { ResolvedTcpConstraints } from '../constraints.js';
import type { MessagePool } from '../message-pool.js';

/** What the arbitraries are built over: the constraints and what `prepare` learned. */
export interface TcpContext {
  readonly c: ResolvedTcpConstraints;
  readonly pool: MessagePool;
}

/** Most steps one connection performs; mutation keeps units within it. */
export const MAX_STEPS = 8;
