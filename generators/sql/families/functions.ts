import { maybeEnsure, query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:functions: PL/pgSQL functions and DO blocks (loops, dynamic SQL, exception blocks, cursors),
 * SQL and set-returning functions, row and statement triggers (with transition tables), an
 * event trigger, and the built-in function families: series, strings, regular expressions,
 * json/jsonb/jsonpath, xml, full text search, formatting, pg_sleep.
 */

const BUILTIN_CALLS: readonly string[] = [
  'SELECT count(*), sum(g) FROM generate_series(1, 10000, 7) g',
  "SELECT array_agg(d::date ORDER BY d) FROM generate_series(date '2024-01-01', date '2024-03-01', interval '1 week') d",
  "SELECT regexp_matches('sand fuzz sand', '(s\\w+)', 'g')",
  "SELECT regexp_split_to_array('a1b22c333', '[0-9]+'), regexp_count('banana', 'an'), regexp_substr('fuzzing', 'z+')",
  "SELECT string_agg(x, '-' ORDER BY x), upper(initcap('sand fuzz')), lpad('7', 5, '0') FROM (VALUES ('b'), ('a'), ('c')) v(x)",
  "SELECT jsonb_path_query_array('{\"a\": [1, 2, 3, 4]}', '$.a[*] ? (@ > 2)')",
  'SELECT jsonb_set(\'{"a": {"b": 1}}\', \'{a,c}\', \'[1, 2]\'), jsonb_pretty(\'{"k": [1, {"x": null}]}\')',
  'SELECT * FROM json_to_recordset(\'[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]\') AS t(a int, b text)',
  'SELECT jsonb_object_agg(g, g * g ORDER BY g) FROM generate_series(1, 5) g',
  "SELECT xpath('/r/i/text()', '<r><i>1</i><i>2</i></r>'::xml), xmlelement(name sf, xmlattributes(1 AS n), 'fuzz')",
  "SELECT xmlserialize(document xmlparse(document '<a><b>c</b></a>') AS text)",
  "SELECT to_tsvector('english', 'The quick brown foxes jumped over lazy dogs') @@ to_tsquery('english', 'fox & dog')",
  "SELECT ts_headline('english', 'sand is fuzzed by the sandfuzz', to_tsquery('english', 'sand'))",
  "SELECT to_char(12345.678, 'FM99G999D00'), to_char(date '2024-02-29', 'Day DD Month YYYY'), to_number('1,234.5', '9G999D9')",
  "SELECT format('%I.%L %s', 'sf', 'x''y', 42), quote_ident('Sf'), md5('sandfuzz'), sha512('fuzz'::bytea)",
  'SELECT pg_sleep(0.01)',
  'SELECT width_bucket(42, 0, 100, 7), gcd(1071, 462), lcm(21, 6), factorial(20), round(pi()::numeric, 10)',
  'SELECT unnest(ARRAY[3, 1, 2]) ORDER BY 1',
  "SELECT left(encode(sha256(convert_to(repeat('ab', 1000), 'UTF8')), 'base64'), 16), translate('fuzz', 'z', 's')",
];

function plpgsqlFunction(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const n = rng.int(0, 3);
  const body = rng.pick([
    `DECLARE s bigint := 0; BEGIN FOR i IN 1..x LOOP s := s + i % 7; END LOOP; RETURN s; END`,
    `DECLARE r record; c int := 0; BEGIN FOR r IN EXECUTE format('SELECT g FROM generate_series(1, %s) g', x) LOOP c := c + 1; END LOOP; RETURN c; END`,
    `BEGIN RETURN x / (x % 3); EXCEPTION WHEN division_by_zero THEN RETURN -1; END`,
    `DECLARE cur CURSOR FOR SELECT g FROM generate_series(1, 50) g; v int; t int := 0; BEGIN OPEN cur; LOOP FETCH cur INTO v; EXIT WHEN NOT FOUND; t := t + v; END LOOP; CLOSE cur; RETURN t + x; END`,
  ]);
  const language = rng.oneIn(4) ? ' IMMUTABLE' : '';
  return [
    query(`CREATE OR REPLACE FUNCTION sf_fn${n}(x int) RETURNS bigint LANGUAGE plpgsql${language} AS $sf$ ${body} $sf$`),
    read(ctx, `SELECT sf_fn${n}(g) FROM generate_series(1, ${rng.int(1, 200)}) g`),
  ];
}

function sqlFunctions(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  return [
    query(
      'CREATE OR REPLACE FUNCTION sf_pairs(n int) RETURNS TABLE (a int, b text) LANGUAGE sql STABLE AS $sf$ SELECT g, md5(g::text) FROM generate_series(1, n) g $sf$',
    ),
    read(ctx, `SELECT count(*), max(b) FROM sf_pairs(${rng.int(1, 5000)})`),
    query('CREATE OR REPLACE PROCEDURE sf_proc(n int) LANGUAGE plpgsql AS $sf$ BEGIN FOR i IN 1..n LOOP COMMIT; END LOOP; END $sf$'),
    query(`CALL sf_proc(${rng.int(1, 20)})`),
  ];
}

function doBlock(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  return [
    query(
      rng.pick([
        `DO $sf$ BEGIN PERFORM pg_sleep(0.01); RAISE NOTICE 'sf %', ${rng.int(0, 99)}; END $sf$`,
        `DO $sf$ DECLARE t text; BEGIN EXECUTE 'CREATE TEMP TABLE IF NOT EXISTS sf_do (a int)'; INSERT INTO sf_do SELECT generate_series(1, ${rng.int(1, 1000)}); SELECT count(*)::text INTO t FROM sf_do; RAISE NOTICE '%', t; END $sf$`,
        `DO $sf$ BEGIN RAISE EXCEPTION USING ERRCODE = 'P0${rng.int(1, 4)}01', MESSAGE = 'sf raised'; END $sf$`,
        `DO $sf$ DECLARE a int[] := '{}'; BEGIN FOR i IN 1..${rng.int(1, 5000)} LOOP a := a || i; END LOOP; PERFORM array_length(a, 1); END $sf$`,
      ]),
    ),
  ];
}

function triggers(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const table = rng.pick(['sf_t5', 'sf_t6']);
  const rowTrigger = [
    query(`CREATE TABLE IF NOT EXISTS sf_audit (tbl text, op text, n int)`),
    query(
      `CREATE OR REPLACE FUNCTION sf_audit_row() RETURNS trigger LANGUAGE plpgsql AS $sf$ BEGIN ` +
        `INSERT INTO sf_audit VALUES (TG_TABLE_NAME, TG_OP, 1); RETURN COALESCE(NEW, OLD); END $sf$`,
    ),
    query(`CREATE OR REPLACE TRIGGER sf_trg_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION sf_audit_row()`),
  ];
  const statementTrigger = [
    query(`CREATE TABLE IF NOT EXISTS sf_audit (tbl text, op text, n int)`),
    query(
      `CREATE OR REPLACE FUNCTION sf_audit_stmt() RETURNS trigger LANGUAGE plpgsql AS $sf$ BEGIN ` +
        `INSERT INTO sf_audit SELECT TG_TABLE_NAME, TG_OP, count(*) FROM sf_new; RETURN NULL; END $sf$`,
    ),
    query(
      `CREATE OR REPLACE TRIGGER sf_strg_${table} AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS sf_new FOR EACH STATEMENT EXECUTE FUNCTION sf_audit_stmt()`,
    ),
  ];
  const fire = query(`UPDATE ${table} SET k = k WHERE k % ${rng.int(2, 50)} = 0`, { detail: 'count' });
  const steps = [...maybeEnsure(ctx, table, 2), ...(rng.bool() ? rowTrigger : statementTrigger), fire];
  steps.push(query(`SELECT tbl, op, count(*), sum(n) FROM sf_audit GROUP BY 1, 2`, { detail: 'rows' }));
  if (rng.oneIn(2))
    steps.push(query(`DROP TRIGGER IF EXISTS sf_trg_${table} ON ${table}`), query(`DROP TRIGGER IF EXISTS sf_strg_${table} ON ${table}`));
  return steps;
}

function eventTrigger(ctx: GenContext): SqlStep[] {
  const steps = [
    query(`CREATE OR REPLACE FUNCTION sf_evt() RETURNS event_trigger LANGUAGE plpgsql AS $sf$ BEGIN RAISE NOTICE 'sf ddl %', tg_tag; END $sf$`),
    query('DROP EVENT TRIGGER IF EXISTS sf_evt_trg'),
    query('CREATE EVENT TRIGGER sf_evt_trg ON ddl_command_end EXECUTE FUNCTION sf_evt()'),
    query('CREATE TABLE IF NOT EXISTS sf_evt_probe (a int)'),
  ];
  if (!ctx.rng.oneIn(3)) steps.push(query('DROP EVENT TRIGGER IF EXISTS sf_evt_trg'));
  return steps;
}

export function functionsFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const steps: SqlStep[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const production = rng.weighted<() => SqlStep[]>([
      [4, () => rng.sample(BUILTIN_CALLS, rng.int(1, 3)).map((sql) => read(ctx, sql))],
      [2, () => plpgsqlFunction(ctx)],
      [1, () => sqlFunctions(ctx)],
      [2, () => doBlock(ctx)],
      [2, () => triggers(ctx)],
      [1, () => eventTrigger(ctx)],
    ]);
    steps.push(...production());
  }
  return { steps };
}
