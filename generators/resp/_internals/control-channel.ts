import type { Endpoint } from '../../types.js';
import { encodeCommand } from '../protocol/resp-encoder.js';
import { textOf, type RespValue } from '../protocol/resp-value.js';
import { RespConnection } from './connection.js';
import type { Deadline } from '../../_shared/deadline.js';

const POLL_MS = 5;
const BLOCK_POLL_MS = 2;

/**
 * A side connection the executor uses to watch the server, never part of the answers: whether a
 * background child is still running, whether a client is parked in a blocking command.
 */
export class ControlChannel {
  private conn: RespConnection | null = null;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly deadline: Deadline,
  ) {}

  /** One command and its reply; null when the channel failed or time ran out. */
  async request(args: readonly string[]): Promise<RespValue | null> {
    this.conn ??= new RespConnection(this.endpoint);
    const conn = this.conn;
    if (!(await conn.opened(this.deadline))) return null;
    const expectation = conn.expect(1);
    await conn.write(encodeCommand(args), this.deadline);
    await conn.settle(expectation, this.deadline);
    return expectation.replies[0] ?? null;
  }

  /**
   * Waits until no fork child (BGSAVE, AOF rewrite) runs or is scheduled, so a command that
   * starts one always finds the server idle, whatever the save points started meanwhile.
   */
  async waitChildIdle(): Promise<boolean> {
    while (!this.deadline.expired) {
      const reply = await this.request(['INFO', 'persistence']);
      const info = reply ? textOf(reply) : null;
      if (info === null) return false;
      const busy = /^(rdb_bgsave_in_progress|aof_rewrite_in_progress|aof_rewrite_scheduled|module_fork_in_progress):1/m;
      if (!busy.test(info)) return true;
      await this.deadline.sleep(POLL_MS);
    }
    return false;
  }

  /** True once the client is blocked (BLPOP, CLIENT PAUSE), false when `stop()` holds first. */
  async waitBlocked(clientId: string, stop: () => boolean): Promise<boolean> {
    while (!this.deadline.expired && !stop()) {
      const reply = await this.request(['CLIENT', 'LIST', 'ID', clientId]);
      const line = reply ? textOf(reply) : null;
      if (line === null) return false;
      const flags = /(?:^| )flags=(\S*)/.exec(line)?.[1] ?? '';
      if (flags.includes('b')) return true;
      await this.deadline.sleep(BLOCK_POLL_MS);
    }
    return false;
  }

  close(): void {
    this.conn?.destroy();
  }
}
