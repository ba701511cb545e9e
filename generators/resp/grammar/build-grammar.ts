import type { PlainValue } from '../protocol/resp-value.js';
import { ARG_TYPES, fullName, type ArgSpec, type ArgType, type CommandSpec, type RespGrammar } from './grammar.js';

/** A reply that is not shaped like COMMAND DOCS / COMMAND INFO output. */
export class GrammarReplyError extends Error {}

type Fields = ReadonlyMap<string, PlainValue>;

/** RESP2 sends maps as flat arrays: key, value, key, value... */
function fieldsOf(value: PlainValue | undefined, what: string): Fields {
  if (!Array.isArray(value) || value.length % 2 !== 0) throw new GrammarReplyError(`${what}: expected a flat map`);
  const fields = new Map<string, PlainValue>();
  for (let i = 0; i < value.length; i += 2) fields.set(String(value[i]), value[i + 1]!);
  return fields;
}

function stringList(value: PlainValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function argType(raw: PlainValue | undefined): ArgType {
  // A type a newer server invents is generated as a plain string: wrong values are still answers.
  return (ARG_TYPES as readonly string[]).includes(String(raw)) ? (raw as ArgType) : 'string';
}

function parseArg(raw: PlainValue, where: string): ArgSpec {
  const fields = fieldsOf(raw, where);
  const name = String(fields.get('name') ?? '');
  const type = argType(fields.get('type'));
  const flags = stringList(fields.get('flags'));
  const token = fields.get('token');
  const children = fields.get('arguments');
  return {
    name,
    type,
    ...(typeof token === 'string' ? { token } : {}),
    ...(flags.includes('optional') ? { optional: true as const } : {}),
    ...(flags.includes('multiple') ? { multiple: true as const } : {}),
    ...(flags.includes('multiple_token') ? { multipleToken: true as const } : {}),
    ...(Array.isArray(children) ? { args: children.map((c, i) => parseArg(c, `${where}.${name}[${i}]`)) } : {}),
  };
}

interface InfoEntry {
  readonly arity: number;
  readonly flags: readonly string[];
  readonly tips: readonly string[];
}

/** COMMAND INFO entries by full name, subcommands included (they nest in field 9). */
function indexInfo(info: PlainValue): Map<string, InfoEntry> {
  if (!Array.isArray(info)) throw new GrammarReplyError('COMMAND INFO: expected an array');
  const byName = new Map<string, InfoEntry>();
  const visit = (entry: PlainValue): void => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') {
      throw new GrammarReplyError('COMMAND INFO: entry is not [name, arity, flags, ...]');
    }
    byName.set(entry[0].toLowerCase(), { arity: entry[1], flags: stringList(entry[2]), tips: stringList(entry[7]) });
    if (Array.isArray(entry[9])) entry[9].forEach(visit);
  };
  info.forEach((entry) => entry !== null && visit(entry));
  return byName;
}

function commandSpec(words: string[], doc: Fields, info: InfoEntry | undefined, where: string): CommandSpec {
  const args = doc.get('arguments');
  return {
    words,
    group: String(doc.get('group') ?? 'unknown'),
    arity: info?.arity ?? -words.length,
    flags: info?.flags ?? [],
    tips: (info?.tips ?? []).filter((tip) => tip.startsWith('nondeterministic')),
    args: Array.isArray(args) ? args.map((a, i) => parseArg(a, `${where} arg ${i}`)) : [],
  };
}

/**
 * Builds the grammar from the plain (JSON) form of a `COMMAND DOCS` reply and a `COMMAND INFO`
 * reply. Containers (CONFIG, CLIENT...) are not commands of their own: each subcommand is.
 */
export function buildGrammar(docs: PlainValue, info: PlainValue, serverVersion: string): RespGrammar {
  const docFields = fieldsOf(docs, 'COMMAND DOCS');
  const infoByName = indexInfo(info);
  const commands: CommandSpec[] = [];
  for (const [name, rawDoc] of docFields) {
    const doc = fieldsOf(rawDoc, `COMMAND DOCS ${name}`);
    const subcommands = doc.get('subcommands');
    if (Array.isArray(subcommands) && subcommands.length > 0) {
      for (const [subName, subDoc] of fieldsOf(subcommands, `COMMAND DOCS ${name} subcommands`)) {
        const [container = name, sub = ''] = subName.split('|');
        const words = [container.toUpperCase(), sub.toUpperCase()];
        commands.push(commandSpec(words, fieldsOf(subDoc, subName), infoByName.get(subName.toLowerCase()), subName));
      }
    } else {
      commands.push(commandSpec([name.toUpperCase()], doc, infoByName.get(name.toLowerCase()), name));
    }
  }
  commands.sort((a, b) => (fullName(a) < fullName(b) ? -1 : fullName(a) > fullName(b) ? 1 : 0));
  return { serverVersion, commands };
}
