import type { ResolvedRespConstraints } from '../constraints.js';
import type { KeyPool } from '../key-pools.js';

/** What an argument's value may depend on besides its own spec. */
export interface ArgContext {
  /** Full command name (`set`, `config|get`): a few names mean different things per command. */
  readonly command: string;
  /** The pool keys come from; null draws every key from a pool of its own (generic commands). */
  readonly keyPool: KeyPool | null;
  /** The command blocks (BLPOP, XREAD BLOCK, WAIT): its timeouts must stay short and non-zero. */
  readonly blocking: boolean;
  readonly c: ResolvedRespConstraints;
}
