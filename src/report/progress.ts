import type { MineProgress } from '../engine/mine.js';

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** One status line: units run, syscalls found, time since the last find, elapsed. */
export function progressLine(p: MineProgress): string {
  return `units ${p.unitsRun}  syscalls ${p.syscalls}  last find ${secs(p.sinceLastFindMs)} ago  elapsed ${secs(p.elapsedMs)}`;
}

/**
 * Live progress on a stream: redrawn in place on a terminal (at most 10 times a second), one line
 * every 5 seconds otherwise, so CI logs stay readable.
 */
export function createProgressReporter(stream: NodeJS.WriteStream): { update: (p: MineProgress) => void; done: () => void } {
  const tty = stream.isTTY === true;
  const every = tty ? 100 : 5_000;
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      if (tty) {
        stream.write(`\r\x1b[2K${progressLine(p)}`);
        drawn = true;
      } else {
        stream.write(`${progressLine(p)}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
