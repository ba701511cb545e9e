import { maybeEnsure, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { ResultDetail, SqlStep } from '../unit.js';

/**
 * sql:extension: CREATE EXTENSION of contrib modules that need no shared_preload_libraries
 * (pg_stat_statements does: its view then fails, which is the point), then a use of each:
 * loading the module's shared library, reading its rules files, building its index classes.
 * Random or size-dependent results are folded into stable booleans or left at class only.
 */

type Use = readonly [sql: string, detail: ResultDetail];

/** Each extension with the statements that exercise it. Never adminpack (writes any file), pg_surgery (corrupts on purpose) or pg_walinspect (its answers follow WAL recycling). */
export const EXTENSION_USES: Readonly<Record<string, readonly Use[]>> = {
  pgcrypto: [
    ["SELECT encode(digest('sandfuzz', 'sha256'), 'hex')", 'rows'],
    ["SELECT crypt('sandfuzz', '$1$saltsalt')", 'rows'],
    ["SELECT pgp_sym_decrypt(pgp_sym_encrypt('secret', 'key'), 'key')", 'rows'],
    ['SELECT length(gen_random_bytes(16)), gen_random_uuid() IS NOT NULL', 'rows'],
  ],
  hstore: [["SELECT 'a=>1,b=>2'::hstore -> 'b', akeys('x=>1,y=>2'::hstore)", 'rows']],
  pg_trgm: [
    ["SELECT similarity('sandfuzz', 'sandbox'), show_trgm('fuzz')", 'rows'],
    ['CREATE INDEX IF NOT EXISTS sf_t0_v_trgm ON sf_t0 USING gin (v gin_trgm_ops)', 'class'],
    ["SELECT count(*) FROM sf_t0 WHERE v % 'v1234'", 'rows'],
  ],
  btree_gin: [['CREATE INDEX IF NOT EXISTS sf_t6_k_gin ON sf_t6 USING gin (k)', 'class']],
  btree_gist: [['CREATE INDEX IF NOT EXISTS sf_t6_k_gist ON sf_t6 USING gist (k)', 'class']],
  citext: [["SELECT 'SandFuzz'::citext = 'sandfuzz'::citext", 'rows']],
  'uuid-ossp': [
    ["SELECT uuid_generate_v5(uuid_ns_url(), 'https://sandfuzz.test')", 'rows'],
    ['SELECT uuid_generate_v1() IS NOT NULL, uuid_generate_v4() IS NOT NULL', 'rows'],
  ],
  tablefunc: [
    ['SELECT count(*) FROM normal_rand(100, 0, 1)', 'rows'],
    ["SELECT * FROM crosstab('SELECT g % 3, g % 2, g FROM generate_series(1, 12) g ORDER BY 1, 2') AS t(r int, a int, b int)", 'rows'],
  ],
  pg_stat_statements: [['SELECT count(*) FROM pg_stat_statements', 'class']],
  intarray: [["SELECT sort('{3,1,2}'::int[]), icount('{1,2,3}'::int[]), '{1,2}'::int[] & '{2,3}'::int[]", 'rows']],
  ltree: [["SELECT 'a.b.c'::ltree @> 'a.b.c.d'::ltree, nlevel('a.b.c'::ltree)", 'rows']],
  cube: [["SELECT cube_distance('(1,2)'::cube, '(4,6)'::cube)", 'rows']],
  earthdistance: [['SELECT round(earth_distance(ll_to_earth(0, 0), ll_to_earth(1, 1))::numeric)', 'rows']],
  fuzzystrmatch: [["SELECT levenshtein('sandfuzz', 'sandbox'), soundex('fuzz'), metaphone('fuzzing', 8), dmetaphone('sand')", 'rows']],
  unaccent: [["SELECT unaccent('Hôtel crème brûlée')", 'rows']],
  pg_buffercache: [['SELECT count(*) > 0 FROM pg_buffercache', 'class']],
  pageinspect: [
    // pg_class always has a block 0; a user table may have been truncated to nothing by vacuum.
    ["SELECT length(get_raw_page('pg_class', 0))", 'class'],
    ["SELECT count(*) FROM heap_page_items(get_raw_page('pg_class', 0))", 'class'],
  ],
  pgstattuple: [
    ["SELECT tuple_count >= 0 FROM pgstattuple('sf_t0')", 'class'],
    ["SELECT version FROM pgstatindex('sf_t0_pkey')", 'class'],
  ],
  amcheck: [
    ["SELECT bt_index_check('sf_t0_pkey', true)", 'rows'],
    ["SELECT count(*) FROM verify_heapam('sf_t0')", 'rows'],
  ],
  file_fdw: [
    ['CREATE SERVER IF NOT EXISTS sf_files FOREIGN DATA WRAPPER file_fdw', 'class'],
    ["COPY (SELECT g, md5(g::text) FROM generate_series(1, 100) g) TO '/tmp/sf_fdw.csv' WITH (FORMAT csv)", 'count'],
    ["CREATE FOREIGN TABLE IF NOT EXISTS sf_ft (a int, b text) SERVER sf_files OPTIONS (filename '/tmp/sf_fdw.csv', format 'csv')", 'class'],
    ['SELECT count(*), sum(a), max(b) FROM sf_ft', 'rows'],
  ],
  dblink: [["SELECT * FROM dblink('dbname=postgres user=postgres', 'SELECT 40 + 2') AS t(x int)", 'rows']],
  bloom: [['CREATE INDEX IF NOT EXISTS sf_t6_bloom ON sf_t6 USING bloom (k)', 'class']],
  seg: [["SELECT '1.5 .. 2.5'::seg @> '2'::seg", 'rows']],
  isn: [["SELECT isbn('978-0-393-04002-9')", 'rows']],
  pg_prewarm: [["SELECT pg_prewarm('sf_t0') >= 0", 'class']],
  pg_visibility: [["SELECT count(*) FROM pg_visibility_map('sf_t0')", 'class']],
  pg_freespacemap: [["SELECT count(*) FROM pg_freespace('sf_t0')", 'class']],
  pgrowlocks: [["SELECT count(*) FROM pgrowlocks('sf_t0')", 'class']],
  tsm_system_rows: [['SELECT count(*) FROM sf_t0 TABLESAMPLE SYSTEM_ROWS (10)', 'class']],
  xml2: [["SELECT xpath_string('<a><b>fuzz</b></a>', '/a/b')", 'rows']],
  lo: [['SELECT 42::lo', 'class']],
};

function quoted(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** The extensions the catalog says the server offers (all of them before prepare). */
function available(ctx: GenContext): string[] {
  const known = Object.keys(EXTENSION_USES);
  const offered = ctx.catalog.extensions;
  if (offered === null) return known;
  return known.filter((name) => offered.some((e) => e.name === name));
}

export function extensionFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const names = available(ctx);
  if (names.length === 0) return { steps: [query('SELECT count(*) FROM pg_available_extensions')] };
  const steps: SqlStep[] = [...maybeEnsure(ctx, 'sf_t0', 3), ...maybeEnsure(ctx, 'sf_t6', 4)];
  for (const name of rng.sample(names, rng.int(1, 3))) {
    steps.push(query(`CREATE EXTENSION IF NOT EXISTS ${quoted(name)} CASCADE`));
    // A run of uses in their listed order: later ones may rely on earlier ones (file_fdw).
    const uses = EXTENSION_USES[name]!;
    const start = rng.oneIn(2) ? 0 : rng.int(0, uses.length - 1);
    for (const [sql, detail] of uses.slice(start, start + rng.int(1, uses.length))) steps.push(query(sql, { detail }));
    if (rng.oneIn(6)) steps.push(query(`ALTER EXTENSION ${quoted(name)} UPDATE`));
    if (rng.oneIn(8)) steps.push(query(`DROP EXTENSION IF EXISTS ${quoted(name)} CASCADE`));
  }
  return { steps };
}
