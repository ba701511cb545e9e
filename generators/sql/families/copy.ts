import { visibleColumns, type CatalogRelation } from '../catalog.js';
import { ident, maybeEnsure, pickRelation, pickTable, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import { fillableColumns } from '../productions/fill-columns.js';
import type { TypeKind } from '../type-kinds.js';
import type { CopyColumnKind, CopyInStep, CopyOutStep, SqlStep } from '../unit.js';

/**
 * sql:copy: COPY ... TO STDOUT of tables and queries in text, csv and binary; COPY ... FROM
 * STDIN of generated rows, of broken lines and ending in CopyFail; COPY to and from server files
 * under /tmp; FREEZE and WHERE.
 */

function copyKind(kind: TypeKind, type: string): CopyColumnKind {
  // Generated values run past 32767: a smallint column gets NULL.
  if (type === 'smallint') return 'null';
  switch (kind) {
    case 'int':
    case 'numeric':
    case 'float':
    case 'text':
    case 'bool':
    case 'date':
    case 'jsonb':
    case 'bytea':
      return kind;
    case 'timestamp':
      return 'date';
    default:
      return 'null';
  }
}

function copyOut(ctx: GenContext, relation: CatalogRelation): CopyOutStep {
  const { rng } = ctx;
  const format = rng.pick(['text', 'csv', 'binary']);
  const header = format === 'csv' && rng.oneIn(2) ? ', HEADER' : '';
  const options = ` (FORMAT ${format}${header})`;
  const t = ident(relation.name);
  // Sequence-drawn columns are left out: their values may differ after crash recovery.
  const columns =
    visibleColumns(relation)
      .map((c) => ident(c.name))
      .join(', ') || '1';
  if (relation.key && rng.oneIn(2)) {
    const key = ident(relation.key);
    return {
      kind: 'copy-out',
      sql: `COPY (SELECT ${columns} FROM ${t} ORDER BY ${key} LIMIT ${rng.int(1, 5000)}) TO STDOUT${options}`,
      digest: 'exact',
    };
  }
  const source = relation.kind === 'table' && rng.oneIn(2) ? `${t} (${columns})` : `(SELECT ${columns} FROM ${t})`;
  return { kind: 'copy-out', sql: `COPY ${source} TO STDOUT${options}`, digest: format === 'binary' ? 'bytes' : 'lines' };
}

function copyIn(ctx: GenContext, relation: CatalogRelation): CopyInStep {
  const { rng } = ctx;
  const columns = fillableColumns(relation);
  const names = columns.map((c) => c.name).join(', ');
  const format = rng.pick(['text', 'csv'] as const);
  const where = rng.oneIn(5) && columns.some((c) => c.name === 'k') ? ' WHERE k % 2 = 0' : '';
  return {
    kind: 'copy-in',
    sql: `COPY ${ident(relation.name)} (${names}) FROM STDIN WITH (FORMAT ${format})${where}`,
    payload: {
      kind: 'series',
      rows: rng.oneIn(4) ? rng.int(1000, 20_000) : rng.int(1, 200),
      offset: rng.int(200_000, 900_000),
      columns: columns.map((c) => copyKind(c.kind, c.type)),
      format,
    },
  };
}

function brokenCopyIn(ctx: GenContext): CopyInStep {
  const { rng } = ctx;
  const sql = 'COPY sf_t6 (k, v) FROM STDIN';
  return rng.pick<CopyInStep>([
    { kind: 'copy-in', sql, payload: { kind: 'lines', lines: ['1\tone', '2\ttwo\textra'] } },
    { kind: 'copy-in', sql, payload: { kind: 'lines', lines: ['notanumber\tx'] } },
    { kind: 'copy-in', sql, payload: { kind: 'lines', lines: ['3\tthree', '\\.'] } },
    { kind: 'copy-in', sql, payload: { kind: 'fail', linesBefore: ['4\tfour'] } },
    { kind: 'copy-in', sql: `${sql} WITH (FORMAT csv)`, payload: { kind: 'lines', lines: ['5,"unterminated'] } },
  ]);
}

/** A server-side file under /tmp: written by COPY TO, read back by COPY FROM. */
function serverFile(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const path = `/tmp/sf_copy_${rng.int(0, 3)}.csv`;
  const rows = rng.int(1, 2000);
  return [
    ...maybeEnsure(ctx, 'sf_t6', 2),
    query(`COPY (SELECT k, v, f FROM sf_t6 ORDER BY id LIMIT ${rows}) TO '${path}' WITH (FORMAT csv)`, { detail: 'count' }),
    query(`COPY sf_t6 (k, v, f) FROM '${path}' WITH (FORMAT csv)`, { detail: 'count' }),
  ];
}

function frozenLoad(ctx: GenContext): SqlStep[] {
  const relation = ctx.catalog.relations.find((r) => r.name === 'sf_t6');
  if (!relation) return [brokenCopyIn(ctx)];
  const load = copyIn(ctx, relation);
  return [
    query('BEGIN'),
    query('TRUNCATE sf_t6'),
    { ...load, sql: `${load.sql.replace(/ WHERE .*$/, '').replace(/\)$/, ', FREEZE)')}` },
    query('COMMIT'),
  ];
}

export function copyFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const steps: SqlStep[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const production = rng.weighted<() => SqlStep[]>([
      [4, () => [copyOut(ctx, pickRelation(ctx))]],
      [
        4,
        () => {
          const table = pickTable(ctx);
          return [...maybeEnsure(ctx, table.name, 4), copyIn(ctx, table)];
        },
      ],
      [2, () => [brokenCopyIn(ctx)]],
      [2, () => serverFile(ctx)],
      [1, () => frozenLoad(ctx)],
    ]);
    steps.push(...production());
  }
  return { steps };
}
