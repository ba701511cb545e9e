import type { GenContext } from './context.js';
import { joined, lateral, recursiveCte, setOperation, subquery, withCte } from './select-combined.js';
import { distinctOn, grouped, groupingSets, learnedFunctions, projection, sampled, windowed, type ReadQuery } from './select-single.js';

export type { ReadQuery } from './select-single.js';

type Shape = (ctx: GenContext) => ReadQuery;

const SHAPES: readonly (readonly [number, Shape])[] = [
  [3, projection],
  [3, grouped],
  [3, joined],
  [2, windowed],
  [2, withCte],
  [1, recursiveCte],
  [2, subquery],
  [2, setOperation],
  [1, distinctOn],
  [1, groupingSets],
  [1, lateral],
  [1, sampled],
  [1, learnedFunctions],
];

/** One SELECT over the catalog's relations, of a shape chosen by weight. */
export function selectQuery(ctx: GenContext): ReadQuery {
  return ctx.rng.weighted(SHAPES)(ctx);
}

/** EXPLAIN of a query: plans follow statistics autovacuum changes, so the command class only. */
export function explained(ctx: GenContext, query: ReadQuery): ReadQuery {
  const options = ctx.rng.pick(['COSTS OFF', 'ANALYZE, BUFFERS', 'ANALYZE, FORMAT JSON', 'VERBOSE, FORMAT YAML', 'SETTINGS, FORMAT XML']);
  return { sql: `EXPLAIN (${options}) ${query.sql}`, detail: 'class' };
}
