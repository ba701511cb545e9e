import type { CatalogRelation } from '../catalog.js';
import { seedTable } from '../seed-schema.js';
import { fillExpression, typeKind, type TypeKind } from '../type-kinds.js';
import { ident } from './context.js';

export interface FillColumn {
  readonly name: string;
  /** SQL for the column's value in row `g`. */
  readonly fill: string;
  readonly kind: TypeKind;
  /** As format_type() spells it. */
  readonly type: string;
}

/**
 * The columns an INSERT may name, with their row-`g` values: the seed schema's own fills (which
 * skip identity, generated and foreign-key columns), the type's fill for learned columns.
 * Columns added by sql:ddl (sf_c*) are left to their default or generation expression.
 */
export function fillableColumns(relation: CatalogRelation): FillColumn[] {
  const seed = seedTable(relation.name);
  return relation.columns.flatMap((column): FillColumn[] => {
    // sf_c* come from sql:ddl (defaults, generated); sequence-drawn columns keep their default.
    if (column.name.startsWith('sf_c') || column.sequenced) return [];
    const seedColumn = seed?.columns.find((c) => c.name === column.name);
    const fill = seedColumn?.fill !== undefined ? seedColumn.fill : fillExpression(column.type, 'g');
    return fill === null ? [] : [{ name: ident(column.name), fill, kind: typeKind(column.type), type: column.type }];
  });
}

/**
 * Columns an UPDATE may set from an expression of their kind: not identity or generated, not
 * smallint (overflow), and of a kind expressions exist for.
 */
export function updatableColumns(relation: CatalogRelation): FillColumn[] {
  return fillableColumns(relation).filter((c) => c.kind !== 'other' && c.name !== 'id' && c.type !== 'smallint');
}
