/**
 * Column types as the generator reasons about them: a handful of kinds expressions can be built
 * for, and a value expression per type so INSERT ... SELECT can fill any known column from the
 * row number of a generate_series.
 */

export type TypeKind = 'int' | 'numeric' | 'float' | 'text' | 'bool' | 'date' | 'timestamp' | 'jsonb' | 'bytea' | 'other';

/** The kind of a type as format_type() spells it ('integer', 'numeric(12,2)', 'character varying(40)'). */
export function typeKind(sqlType: string): TypeKind {
  const base = sqlType
    .replace(/\(.*\)$/, '')
    .trim()
    .toLowerCase();
  switch (base) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'int';
    case 'numeric':
      return 'numeric';
    case 'real':
    case 'double precision':
      return 'float';
    case 'text':
    case 'character varying':
    case 'character':
    case 'citext':
      return 'text';
    case 'boolean':
      return 'bool';
    case 'date':
      return 'date';
    case 'timestamp without time zone':
      return 'timestamp';
    case 'jsonb':
      return 'jsonb';
    case 'bytea':
      return 'bytea';
    default:
      return 'other';
  }
}

// Values by exact type for the types that are not a kind of their own.
const OTHER_TYPE_FILLS: Readonly<Record<string, (g: string) => string>> = {
  'text[]': (g) => `ARRAY['t' || (${g} % 7), 't' || (${g} % 11)]`,
  'integer[]': (g) => `ARRAY[${g} % 5, ${g} % 9]`,
  tsvector: (g) => `to_tsvector('english', 'fuzzing sand ' || md5(${g}::text) || ' boxes ' || (${g} % 13))`,
  int4range: (g) => `int4range(${g}::int, ${g}::int + (${g}::int % 10) + 1)`,
  point: (g) => `point(${g} % 100, ${g} % 37)`,
  box: (g) => `box(point(${g} % 100, ${g} % 37), point(${g} % 100 + 1, ${g} % 37 + 1))`,
  uuid: (g) => `md5(${g}::text)::uuid`,
  interval: (g) => `${g} * interval '1 second'`,
  'time without time zone': (g) => `time '00:00' + (${g} % 86400) * interval '1 second'`,
  json: (g) => `json_build_object('g', ${g})`,
};

/**
 * An expression for the value of a column of `sqlType` in row `g` (an integer expression), or
 * null when the generator knows no value for the type (the column is then left to its default).
 */
export function fillExpression(sqlType: string, g: string): string | null {
  const type = sqlType.toLowerCase();
  const other = OTHER_TYPE_FILLS[type];
  if (other) return other(g);
  if (type === 'smallint') return `(${g} % 30000)::smallint`;
  if (type.startsWith('character(')) return `lpad((${g} % 100000)::text, 8, '0')`;
  if (type.startsWith('character varying')) return `left(md5(${g}::text), 20)`;
  switch (typeKind(type)) {
    case 'int':
      return `${g}`;
    case 'numeric':
      return `(${g} % 1000) * 1.25`;
    case 'float':
      return `${g} * 0.5`;
    case 'text':
      return `'v' || ${g}`;
    case 'bool':
      return `${g} % 2 = 0`;
    case 'date':
      return `date '2020-01-01' + (${g} % 1000)::int`;
    case 'timestamp':
      return `timestamp '2020-01-01' + ${g} * interval '1 minute'`;
    case 'jsonb':
      return `jsonb_build_object('g', ${g}, 'm', md5(${g}::text), 'a', jsonb_build_array(${g} % 3, ${g} % 5))`;
    case 'bytea':
      return `decode(md5(${g}::text), 'hex')`;
    case 'other':
      return null;
  }
}

/** A literal of a kind, for comparisons and parameters. */
export function kindLiteral(kind: TypeKind, n: number): string {
  switch (kind) {
    case 'int':
      return String(n);
    case 'numeric':
      return `${n}.25`;
    case 'float':
      return `${n}.5::float8`;
    case 'text':
      return `'v${n}'`;
    case 'bool':
      return n % 2 === 0 ? 'true' : 'false';
    // Parenthesized: a cast applied to the literal must not bind to its last operand.
    case 'date':
      return `(date '2020-01-01' + ${n % 1000})`;
    case 'timestamp':
      return `(timestamp '2020-01-01' + interval '${n} minutes')`;
    case 'jsonb':
      return `'{"g": ${n}}'::jsonb`;
    case 'bytea':
      return `'\\x${(n & 0xffff).toString(16).padStart(4, '0')}'::bytea`;
    case 'other':
      return 'NULL';
  }
}
