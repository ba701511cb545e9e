import { SYSTEM_SETTINGS } from './families/config.js';
import type { SqlStep, SqlUnit } from './unit.js';

/**
 * What no unit may ever send, whatever generation or mutation produced: statements that would
 * make the server unreachable, run a shell, write files outside /tmp, or touch objects that are
 * not sandfuzz's own. The executor refuses such steps too (defence in depth: mutation rewrites
 * numbers and names inside SQL text).
 */

/** Objects the generator may DROP / ALTER only when their name starts with sf_. */
const OWN_OBJECT_KINDS =
  'MATERIALIZED\\s+VIEW|EVENT\\s+TRIGGER|FOREIGN\\s+TABLE|TABLE|INDEX|VIEW|SEQUENCE|SCHEMA|TYPE|DOMAIN|DATABASE|TRIGGER|FUNCTION|PROCEDURE|SERVER|STATISTICS';

export const FORBIDDEN_SQL: readonly (readonly [reason: string, pattern: RegExp])[] = [
  [
    'drops an object that is not sandfuzz-owned',
    new RegExp(`\\bDROP\\s+(?:${OWN_OBJECT_KINDS})\\s+(?!(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?"?sf_)`, 'i'),
  ],
  ['alters a database that is not sandfuzz-owned', /\bALTER\s+DATABASE\s+(?!sf_)/i],
  ['runs a program on the server', /\bPROGRAM\b/i],
  ['changes a role', /\b(?:ALTER|DROP|CREATE)\s+(?:ROLE|USER|GROUP)\b|\bREASSIGN\s+OWNED\b|\bDROP\s+OWNED\b/i],
  ['signals a backend outside the executor', /\bpg_(?:terminate|cancel)_backend\b/i],
  ['stops or promotes the server', /\bpg_(?:promote|ctl)\b|\bshutdown\b/i],
  ['writes arbitrary files (adminpack)', /\bpg_file_(?:write|rename|unlink|sync)\b/i],
  ['damages heap pages (pg_surgery)', /\bheap_force_(?:kill|freeze)\b/i],
  ['writes a server file outside /tmp', /\bTO\s+'(?!\/tmp\/sf_)[^']*'|\blo_export\s*\([^,]*,\s*'(?!\/tmp\/sf_)/i],
  ['reads a file outside /tmp into a table', /\bFROM\s+'(?!\/tmp\/sf_)[^']*'|\blo_import\s*\(\s*'(?!\/tmp\/sf_)/i],
  ['sets a file_fdw filename outside /tmp', /\bfilename\s+'(?!\/tmp\/sf_)/i],
  ['creates a tablespace', /\bCREATE\s+TABLESPACE\b/i],
];

const ALTER_SYSTEM = /\bALTER\s+SYSTEM\s+(SET|RESET)\s+(\w+)/gi;

/** Why `sql` must not be sent, or null when it may. */
export function forbiddenReason(sql: string): string | null {
  for (const [reason, pattern] of FORBIDDEN_SQL) if (pattern.test(sql)) return reason;
  for (const match of sql.matchAll(ALTER_SYSTEM)) {
    const name = match[2]!.toLowerCase();
    if (name !== 'all' && !Object.hasOwn(SYSTEM_SETTINGS, name)) return `ALTER SYSTEM of ${name}, which is not on the safe list`;
  }
  return null;
}

/** The SQL text a step sends, if it sends any. */
export function stepSql(step: SqlStep): string | null {
  switch (step.kind) {
    case 'query':
    case 'named':
    case 'copy-in':
    case 'copy-out':
    case 'cancel':
      return step.sql;
    case 'raw':
      return step.probe.kind === 'session' && step.probe.flaw.kind === 'replication-command' ? step.probe.flaw.command : null;
    default:
      return null;
  }
}

/** One line per forbidden step of a unit; empty when the unit is safe. */
export function unitViolations(unit: SqlUnit): string[] {
  return unit.steps.flatMap((step, index) => {
    const sql = stepSql(step);
    const reason = sql === null ? null : forbiddenReason(sql);
    return reason === null ? [] : [`step ${index}: ${reason}: ${sql!.slice(0, 120)}`];
  });
}
