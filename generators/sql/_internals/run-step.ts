import type pg from 'pg';
import { forbiddenReason, stepSql } from '../safety.js';
import type { CopyInStep, CopyOutStep, NamedStatementStep, QueryStep, SqlStep } from '../unit.js';
import { FORBIDDEN, successAnswer, TIMEOUT, type SuccessSummary } from './answers.js';
import { copyPayloadChunks } from './copy-payload.js';
import { CopyExchange } from './copy-exchange.js';
import { raceDeadline, TIMED_OUT } from './deadline-race.js';
import { executeRawProbe } from './execute-raw-probe.js';
import { answerQuery, failureAnswer } from './query-answer.js';
import { runAwaitNotify, runCancel, runTerminatePeer } from './run-peer-steps.js';
import type { UnitSession } from './unit-session.js';
import { allowedDetail } from './volatility.js';

function queryConfig(step: QueryStep | NamedStatementStep): object {
  const base = { text: step.sql, rowMode: 'array' as const };
  if (step.kind === 'named') return { ...base, name: step.name, values: [...step.params], ...(step.rowsPerFetch ? { rows: step.rowsPerFetch } : {}) };
  if (step.params !== null) return { ...base, values: [...step.params] };
  return step.protocol === 'extended' ? { ...base, queryMode: 'extended' } : base;
}

function copyAnswer(step: CopyInStep | CopyOutStep, tag: string | null, bytes: number, digest: string | null): string {
  const count = /^(\w+)(?: (\d+))?/.exec(tag ?? '');
  const summary: SuccessSummary = { commands: count ? [count[1]!] : [], rowCount: count?.[2] ? Number(count[2]) : null, digest: null };
  if (step.kind === 'copy-in') return successAnswer(summary, 'count');
  if (allowedDetail(step.sql, 'rows') === 'class') return successAnswer(summary, 'class');
  const base = successAnswer(summary, 'count');
  if (step.digest === 'bytes') return `${base} bytes=${bytes}`;
  return digest !== null && step.digest !== 'count' ? `${base} sha1=${digest}` : base;
}

async function runCopy(step: CopyInStep | CopyOutStep, session: UnitSession): Promise<string> {
  const connection = await session.connection(0);
  if (typeof connection === 'string') return connection;
  const exchange = new CopyExchange(
    step.sql,
    step.kind === 'copy-in' ? copyPayloadChunks(step.payload) : null,
    step.kind === 'copy-out' ? step.digest : 'count',
  );
  connection.client.query(exchange as unknown as pg.Submittable);
  const outcome = await raceDeadline(exchange.outcome, session.deadline);
  if (outcome === TIMED_OUT) {
    session.timedOut = true;
    return TIMEOUT;
  }
  if (outcome.kind === 'error') return failureAnswer(outcome.error, connection);
  return copyAnswer(step, outcome.tag, outcome.bytes, outcome.digest);
}

/** One step's answer. Server behaviour of any kind is an answer; only a bug would throw. */
export async function runStep(step: SqlStep, session: UnitSession): Promise<string> {
  const sql = stepSql(step);
  if (sql !== null && forbiddenReason(sql) !== null) return FORBIDDEN;
  switch (step.kind) {
    case 'query':
    case 'named': {
      const connection = await session.connection(step.conn);
      if (typeof connection === 'string') return connection;
      return answerQuery(session, connection, queryConfig(step), step.sql, step.detail);
    }
    case 'copy-in':
    case 'copy-out':
      return runCopy(step, session);
    case 'await-notify':
      return runAwaitNotify(step, session);
    case 'terminate-peer':
      return runTerminatePeer(session);
    case 'cancel':
      return runCancel(step, session);
    case 'raw':
      return executeRawProbe(step.probe, session.endpoint, session.deadline);
  }
}
