import type { TcpStep, TcpUnit } from './unit.js';

const MAX_LINE = 160;
const MAX_DATA = 24;

/** A latin1 payload as a short quoted string: JSON escapes for control bytes, cut long ones. */
function shortData(data: string): string {
  const quoted = JSON.stringify(data.length <= MAX_DATA ? data : data.slice(0, MAX_DATA - 6));
  return data.length <= MAX_DATA ? quoted : `${quoted}…(${data.length}B)`;
}

function describeStep(step: TcpStep): string {
  switch (step.kind) {
    case 'send':
      return `send ${shortData(step.data)}`;
    case 'random':
      return `random ${step.size}B`;
    case 'trickle':
      return `trickle ${shortData(step.data)}/${step.pauseMs}ms`;
    case 'pause':
      return `idle ${step.ms}ms`;
  }
}

/** `tcp:<family>`, for reports and weighting. */
export function familyOf(unit: TcpUnit): string {
  return `tcp:${unit.family}`;
}

/** One short line: family, connection count, then the first connection's steps and ending. */
export function describeUnit(unit: TcpUnit): string {
  const first = unit.connections[0];
  const via = unit.connections.length > 1 ? ` (${unit.connections.length} connections)` : '';
  const steps = first ? [...first.steps.map(describeStep), first.ending].join(' ; ') : 'nothing';
  const line = `${familyOf(unit)}${via}: ${steps}`;
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}
