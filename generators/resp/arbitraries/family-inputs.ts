import type { ResolvedRespConstraints } from '../constraints.js';
import type { GrammarCommands } from './grammar-commands.js';

/** What every family's unit arbitrary is built from. */
export interface FamilyInputs {
  readonly commands: GrammarCommands;
  readonly c: ResolvedRespConstraints;
  /** The server answers DEBUG (enable-debug-command yes); Debian's redis.conf says no. */
  readonly debugAllowed: boolean;
}
