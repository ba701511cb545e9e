import type { Endpoint } from '../../types.js';
import type { Deadline } from '../../_shared/deadline.js';
import type { ConnectionIndex, SqlUnit } from '../unit.js';
import { CLOSED, TIMEOUT } from './answers.js';
import { raceDeadline, TIMED_OUT } from './deadline-race.js';
import { PgConnection } from './pg-connection.js';

// Time a polite close (Terminate, wait for the socket) may take before it is dropped.
const CLOSE_CAP_MS = 300;

/**
 * The connections of one unit: connection 0 in postgres (with TLS when the unit asks), the peer
 * connection 1 in the unit's peerDatabase, both opened on first use. A connection that could
 * not open keeps its failure answer for the unit's later steps on it.
 */
export class UnitSession {
  timedOut = false;
  private readonly connections: (PgConnection | string | null)[] = [null, null];

  constructor(
    readonly unit: SqlUnit,
    readonly endpoint: Endpoint,
    readonly deadline: Deadline,
    private readonly statementTimeoutMs: number,
  ) {}

  /** The connection, opened if needed, or the answer saying why it is unusable. */
  async connection(index: ConnectionIndex): Promise<PgConnection | string> {
    const existing = this.connections[index];
    if (existing instanceof PgConnection) return existing.closed ? CLOSED : existing;
    if (typeof existing === 'string') return existing;
    const opened = await PgConnection.open(
      this.endpoint,
      { database: index === 0 ? 'postgres' : this.unit.peerDatabase, tls: index === 0 && this.unit.tls, statementTimeoutMs: this.statementTimeoutMs },
      this.deadline,
    );
    if (opened === TIMEOUT) this.timedOut = true;
    this.connections[index] = opened;
    return opened;
  }

  /** Connection `index` if it is already open, without opening it. */
  opened(index: ConnectionIndex): PgConnection | null {
    const existing = this.connections[index];
    return existing instanceof PgConnection ? existing : null;
  }

  /**
   * Closes every connection. After a timeout the server is asked to cancel what may still run
   * and the sockets are dropped; otherwise prepared transactions this unit left are rolled back
   * first, so their locks cannot stall later units.
   */
  async close(): Promise<void> {
    const open = this.connections.filter((c): c is PgConnection => c instanceof PgConnection);
    if (this.timedOut || this.deadline.expired) {
      for (const connection of open) {
        connection.sendCancelRequest();
        connection.destroy();
      }
      return;
    }
    if (this.unit.steps.some((s) => s.kind === 'query' && /PREPARE\s+TRANSACTION/i.test(s.sql))) await this.rollbackPrepared();
    await Promise.all(open.map((c) => c.close(CLOSE_CAP_MS)));
  }

  private async rollbackPrepared(): Promise<void> {
    const connection = await this.connection(0);
    if (typeof connection === 'string') return;
    try {
      // The unit may have ended inside a transaction, where ROLLBACK PREPARED cannot run.
      await raceDeadline(connection.client.query('ROLLBACK'), this.deadline);
      const found = await raceDeadline(
        connection.client.query<{ gid: string }>("SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'sf\\_gx\\_%'"),
        this.deadline,
      );
      if (found === TIMED_OUT) return;
      for (const { gid } of found.rows) {
        await raceDeadline(connection.client.query(`ROLLBACK PREPARED '${gid.replace(/'/g, "''")}'`), this.deadline);
      }
    } catch {
      // Best effort: the answers are already recorded.
    }
  }
}
