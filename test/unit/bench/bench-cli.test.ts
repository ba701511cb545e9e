import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../src/cli/program.js';

/** Parses a bench command line with the real option table, without running the command. */
async function parseBench(args: string[]): Promise<Record<string, unknown>> {
  const program = buildCli().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let seen: Record<string, unknown> = {};
  program.commands
    .find((c) => c.name() === 'bench')!
    .configureOutput({ writeErr: () => {} })
    .action((opts: Record<string, unknown>) => {
      seen = opts;
    });
  await program.parseAsync(['bench', ...args], { from: 'user' });
  return seen;
}

describe('bench command line', () => {
  it('collects a repeated --profile in order, with -p as its short form', async () => {
    const opts = await parseBench(['-t', 'nginx', '--profile', 'name-only.json', '-p', 'args.json']);
    expect(opts.profile).toEqual(['name-only.json', 'args.json']);
    expect(opts.tracerCost).toBe(true);
  });

  it('still takes a single --profile (as a one-element list)', async () => {
    expect((await parseBench(['-t', 'nginx', '-p', 'a.json'])).profile).toEqual(['a.json']);
  });

  it('skips the tracer pair with --no-tracer-cost', async () => {
    expect((await parseBench(['-t', 'nginx', '-p', 'a.json', '--no-tracer-cost'])).tracerCost).toBe(false);
  });

  it('requires at least one --profile', async () => {
    await expect(parseBench(['-t', 'nginx'])).rejects.toThrow(/required option '-p, --profile <file>'/);
  });
});
