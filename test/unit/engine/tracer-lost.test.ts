import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BpftraceTracer } from '../../../src/engine/tracer/bpftrace.js';
import { ContainerTrace, HOLD_LIMIT } from '../../../src/engine/tracer/container-trace.js';
import { lostEvents, parseTracerLine } from '../../../src/engine/tracer/parse-line.js';
import { SharedTracer } from '../../../src/engine/tracer/shared-tracer.js';
import { TracerError } from '../../../src/shared/errors.js';

describe("bpftrace's lost-event message", () => {
  it('is read as the exact text bpftrace 0.17 prints (TextOutput::lost_events)', () => {
    expect(parseTracerLine('Lost 12 events')).toEqual({ kind: 'lost', count: 12 });
    expect(parseTracerLine('Lost 18446744073709 events\n')).toEqual({ kind: 'lost', count: 18446744073709 });
    expect(lostEvents('Lost 1 events')).toBe(1);
  });

  it('is not confused with other chatter', () => {
    for (const text of ['Lost events', 'Lost x events', 'Attaching 14 probes...', 'S 1 0 0 1 2 3 4', 'lost 3 events here']) {
      expect(lostEvents(text)).toBeUndefined();
    }
    expect(parseTracerLine('Attaching 14 probes...').kind).toBe('other');
  });
});

/**
 * A stand-in for the bpftrace binary, started the way the real one is (setpriv, own process
 * group): it says ready, then what the script says. No root, BPF or Docker needed.
 */
let dir: string;
async function fakeBpftrace(name: string, script: string): Promise<BpftraceTracer> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\nprintf 'R\\n'\n${script}\nexec sleep 30\n`);
  await chmod(path, 0o755);
  return new BpftraceTracer({ binary: path, readyTimeoutMs: 5_000 });
}

function deathOf(tracer: { onDeath: (l: (reason: string) => void) => void }): Promise<string> {
  return new Promise((resolve) => tracer.onDeath(resolve));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-fake-bpftrace-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a tracer that loses events', () => {
  it('dies through onDeath with "lost N events", and a later sync fails with a TracerError', async () => {
    const tracer = await fakeBpftrace('stdout', "sleep 0.1; printf 'Lost 7 events\\n'");
    const died = deathOf(tracer);
    await tracer.start();
    expect(await died).toMatch(/lost 7 events/);
    const sync = tracer.sync(1, 2_000);
    await expect(sync).rejects.toBeInstanceOf(TracerError);
    await expect(sync).rejects.toThrow(/lost 7 events/);
    await tracer.stop();
  });

  it('fails a sync that is waiting at the time, at once rather than at its timeout', async () => {
    const tracer = await fakeBpftrace('during-sync', "sleep 0.3; printf 'Lost 2 events\\n'");
    await tracer.start();
    const t0 = Date.now();
    await expect(tracer.sync(1, 10_000)).rejects.toThrow(/lost 2 events/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await tracer.stop();
  });

  it('is caught on stderr as well, and reaches every view of a shared tracer', async () => {
    const base = await fakeBpftrace('stderr', "sleep 0.1; printf 'Lost 3 events\\n' >&2");
    const shared = new SharedTracer(base);
    const a = shared.view();
    const b = shared.view();
    const deaths = Promise.all([deathOf(a), deathOf(b)]);
    await a.start();
    await b.start();
    expect(await deaths).toEqual([expect.stringMatching(/lost 3 events/), expect.stringMatching(/lost 3 events/)]);
    await expect(shared.view().start()).rejects.toBeInstanceOf(TracerError);
    await shared.close();
  });

  it('a tracer that loses nothing is stopped without a death', async () => {
    const tracer = await fakeBpftrace('clean', '');
    let died: string | undefined;
    tracer.onDeath((r) => (died = r));
    await tracer.start();
    await tracer.stop();
    expect(died).toBeUndefined();
  });
});

describe('lines held while the container starts', () => {
  const line = (nr: number, ns: bigint) => parseTracerLine(`S ${ns} 0 0 ${nr} 0 ${nr} 1`);

  it('fail the trace if they did not all fit, instead of dropping some silently', () => {
    const trace = new ContainerTrace();
    for (let i = 0; i <= HOLD_LIMIT; i++) trace.push(line(i % 400, 7n + BigInt(i % 3)));
    expect(() => trace.select(7n)).toThrow(TracerError);
    expect(() => trace.select(7n)).toThrow(/1 tracer lines did not fit/);
  });

  it('are all kept up to the limit', () => {
    const trace = new ContainerTrace();
    for (let i = 0; i < HOLD_LIMIT; i++) trace.push(line(i % 400, 7n + BigInt(i % 2)));
    trace.select(7n);
    expect(trace.size).toBe(200);
  });
});
