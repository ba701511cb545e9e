import { query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:largeobject: large objects under fixed OIDs (so answers never show a server-chosen OID):
 * create, write, read, seek, truncate and unlink through the server-side lo_* functions, and
 * lo_export / lo_import of files under /tmp.
 */

// Large objects of this family live at FIRST_OID..FIRST_OID+15, clear of anything initdb makes.
const FIRST_OID = 4_200_000;
const INV_WRITE = 0x20000;
const INV_READ = 0x40000;

function loStep(ctx: GenContext, oid: number): SqlStep[] {
  const { rng } = ctx;
  const bytes = rng.oneIn(4) ? rng.int(100_000, 2_000_000) : rng.int(1, 5000);
  const file = `/tmp/sf_lo_${oid - FIRST_OID}.bin`;
  return rng.weighted<() => SqlStep[]>([
    [3, () => [query(`SELECT lo_create(${oid})`, { detail: 'rows' })]],
    [
      3,
      () => [
        query(`SELECT lowrite(lo_open(${oid}, ${INV_WRITE}), convert_to(repeat(md5('${oid}'), ${Math.ceil(bytes / 32)}), 'UTF8'))`, {
          detail: 'rows',
        }),
      ],
    ],
    [3, () => [query(`SELECT md5(loread(lo_open(${oid}, ${INV_READ}), ${bytes}))`, { detail: 'rows' })]],
    [2, () => [query(`SELECT lo_put(${oid}, ${rng.int(0, 100_000)}, '\\x${'ab'.repeat(rng.int(1, 64))}')`, { detail: 'rows' })]],
    [2, () => [query(`SELECT md5(lo_get(${oid}, ${rng.int(0, 1000)}, ${rng.int(1, 10_000)}))`, { detail: 'rows' })]],
    [1, () => [query(`SELECT lo_from_bytea(${oid}, decode(repeat('00ff', ${rng.int(1, 1000)}), 'hex'))`, { detail: 'rows' })]],
    [
      2,
      () => [
        query('BEGIN'),
        // The first descriptor of a transaction is always 0.
        query(`SELECT lo_open(${oid}, ${INV_READ | INV_WRITE})`, { detail: 'rows' }),
        query(`SELECT lo_lseek64(0, ${rng.int(0, 5000)}, ${rng.int(0, 2)})`, { detail: 'rows' }),
        query(`SELECT md5(loread(0, ${rng.int(1, 4096)}))`, { detail: 'rows' }),
        query(`SELECT lo_truncate64(0, ${rng.int(0, 10_000)})`, { detail: 'rows' }),
        query('SELECT lo_tell64(0)', { detail: 'rows' }),
        query('SELECT lo_close(0)', { detail: 'rows' }),
        query(rng.oneIn(3) ? 'ROLLBACK' : 'COMMIT'),
      ],
    ],
    [2, () => [query(`SELECT lo_export(${oid}, '${file}')`, { detail: 'rows' })]],
    [
      2,
      () => {
        const target = FIRST_OID + rng.int(0, 15);
        return [query(`SELECT lo_unlink(${target})`, { detail: 'rows' }), query(`SELECT lo_import('${file}', ${target})`, { detail: 'rows' })];
      },
    ],
    [2, () => [query(`SELECT lo_unlink(${oid})`, { detail: 'rows' })]],
    [1, () => [query(`SELECT count(*) FROM pg_largeobject_metadata WHERE oid BETWEEN ${FIRST_OID} AND ${FIRST_OID + 15}`, { detail: 'rows' })]],
  ])();
}

export function largeObjectFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const oid = FIRST_OID + rng.int(0, 15);
  const steps: SqlStep[] = [];
  if (!rng.oneIn(4)) steps.push(query(`SELECT lo_create(${oid})`, { detail: 'rows' }));
  for (let i = rng.int(1, 4); i > 0; i--) steps.push(...loStep(ctx, rng.oneIn(4) ? FIRST_OID + rng.int(0, 15) : oid));
  return { steps };
}
