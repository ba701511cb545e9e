import type { RawProbe, SqlStep, SqlUnit } from './unit.js';

const MAX_LINE = 160;
const MAX_SQL = 48;

function shortSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_SQL ? flat : `${flat.slice(0, MAX_SQL - 1)}…`;
}

function describeProbe(probe: RawProbe): string {
  switch (probe.kind) {
    case 'startup':
      return `startup!${probe.flaw.kind}`;
    case 'ssl-request':
      return `ssl+${probe.then}`;
    case 'gss-request':
      return 'gssenc';
    case 'cancel-request':
      return 'cancel-request';
    case 'session':
      return `${probe.replication ? 'walsender' : 'session'}!${probe.flaw.kind}`;
  }
}

function describeStep(step: SqlStep): string {
  const peer = 'conn' in step && step.conn === 1 ? '[1] ' : '';
  switch (step.kind) {
    case 'query':
      return `${peer}${step.protocol === 'extended' ? '(x) ' : ''}${shortSql(step.sql)}`;
    case 'named':
      return `${peer}${step.name}(${step.params.length})${step.rowsPerFetch ? `/${step.rowsPerFetch}` : ''}`;
    case 'copy-in':
      return `${shortSql(step.sql)} <${step.payload.kind === 'series' ? `${step.payload.rows} rows` : step.payload.kind}`;
    case 'copy-out':
      return shortSql(step.sql);
    case 'await-notify':
      return `await ${step.expected} notifications`;
    case 'terminate-peer':
      return 'terminate peer';
    case 'cancel':
      return `cancel(${step.via}) ${shortSql(step.sql)}`;
    case 'raw':
      return `<raw ${describeProbe(step.probe)}>`;
  }
}

/** `sql:<family>`, for reports and weighting. */
export function familyOf(unit: SqlUnit): string {
  return `sql:${unit.family}`;
}

/** One short line: family, connection notes, then each step, cut at 160 characters. */
export function describeUnit(unit: SqlUnit): string {
  const notes = [unit.tls ? 'tls' : '', unit.peerDatabase !== 'postgres' ? `peer in ${unit.peerDatabase}` : ''].filter(Boolean);
  const line = `${familyOf(unit)}${notes.length ? ` (${notes.join(', ')})` : ''}: ${unit.steps.map(describeStep).join(' ; ')}`;
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}
