import type { RespArg, RespStep, RespUnit } from './unit.js';

const MAX_LINE = 160;
const MAX_WORD = 24;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024}KiB`;
  return `${bytes}B`;
}

function describeArg(arg: RespArg): string {
  if (typeof arg !== 'string') {
    return arg.kind === 'blob' ? `<${sizeText(arg.size)}>` : `<${arg.count}×${arg.shape}:${sizeText(arg.size)}>`;
  }
  const oneLine = JSON.stringify(arg).slice(1, -1);
  if (arg === '' || /[\s"]/.test(arg)) return oneLine.length <= MAX_WORD ? `"${oneLine}"` : `"${oneLine.slice(0, 12)}…"(${arg.length})`;
  return oneLine.length <= MAX_WORD ? oneLine : `${oneLine.slice(0, 12)}…(${arg.length})`;
}

function describeStep(step: RespStep): string {
  const conn = 'conn' in step && step.conn !== 0 ? `[${step.conn}] ` : '';
  switch (step.kind) {
    case 'pause':
      return `pause ${step.ms}ms`;
    case 'malformed':
      return `${conn}!${step.frame.kind}`;
    case 'inline':
      return `${conn}inline ${step.words.map(describeArg).join(' ')}`;
    case 'command': {
      const flags = `${step.async ? ' &' : ''}${step.waitMs ? ` +${step.waitMs}ms` : ''}`;
      return `${conn}${step.args.map(describeArg).join(' ')}${flags}`;
    }
  }
}

/** `redis:<family>`, for reports and weighting. */
export function familyOf(unit: RespUnit): string {
  return `redis:${unit.family}`;
}

/** One short line: family, then each step (`[1]` marks a helper connection, `&` an async step). */
export function describeUnit(unit: RespUnit): string {
  const line = `${familyOf(unit)}: ${unit.steps.map(describeStep).join(' ; ')}`;
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}
