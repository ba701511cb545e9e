import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FamilyArbitraries } from '../../../../generators/resp/arbitraries/family-arbitraries.js';
import { GrammarCommands } from '../../../../generators/resp/arbitraries/grammar-commands.js';
import { drawOne } from '../../../../generators/resp/_internals/seeds.js';
import { createRespGenerator, recordedGrammar, resolveRespConstraints } from '../../../../generators/resp/index.js';
import { TargetUnhealthyError } from '../../../../src/shared/errors.js';
import { checkSafety } from './safety.js';
import { sentCommands } from './unit-inspection.js';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));
const bulk = (text: string): string => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
const servers: net.Server[] = [];

/** A fake server that answers the four pipelined prepare questions with `replies`, in order. */
async function answering(replies: readonly Buffer[]): Promise<{ host: string; port: number }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    let questions = 0;
    socket.on('data', (chunk) => {
      questions += (chunk.toString('latin1').match(/\*\d+\r\n/g) ?? []).length;
      if (questions >= 4) socket.end(Buffer.concat(replies));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('prepare', () => {
  it('builds the grammar from the live replies and learns whether DEBUG is allowed', async () => {
    const refusal = Buffer.from('-ERR DEBUG command not allowed.\r\n');
    for (const [debugReply, allowed] of [
      [refusal, false],
      [Buffer.from(bulk('DEBUG <subcommand>')), true],
    ] as const) {
      const endpoint = await answering([
        fixture('command-docs.resp'),
        fixture('command-info.resp'),
        Buffer.from(bulk('# Server\r\nredis_version:7.0.15\r\n')),
        debugReply,
      ]);
      const generator = createRespGenerator();
      await generator.prepare!(endpoint, { timeoutMs: 5_000 });
      const admin = Array.from({ length: 200 }, (_, seed) => generator.generate('redis:admin', seed));
      expect(admin.some((u) => sentCommands(u).some((c) => c.key === 'debug'))).toBe(allowed);
    }
  });

  it('throws TargetUnhealthyError when the server is unreachable or answers no grammar', async () => {
    const closed = await answering([]);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(createRespGenerator().prepare!(closed, { timeoutMs: 2_000 })).rejects.toThrow(TargetUnhealthyError);
    const denied = await answering([Buffer.from('-NOPERM no\r\n-NOPERM no\r\n+x\r\n+y\r\n')]);
    await expect(createRespGenerator().prepare!(denied, { timeoutMs: 2_000 })).rejects.toThrow(/COMMAND DOCS failed/);
    const odd = await answering([Buffer.from(':1\r\n:2\r\n+x\r\n+y\r\n')]);
    await expect(createRespGenerator().prepare!(odd, { timeoutMs: 2_000 })).rejects.toThrow(TargetUnhealthyError);
  });

  it('sends only safe DEBUG subcommands when DEBUG is allowed', () => {
    const c = resolveRespConstraints();
    const families = new FamilyArbitraries({ commands: new GrammarCommands(recordedGrammar(), c), c, debugAllowed: true });
    let debugs = 0;
    for (let seed = 0; seed < 400; seed++) {
      const unit = drawOne(families.of('admin'), seed);
      expect(checkSafety(unit, 1000, true)).toEqual([]);
      for (const command of sentCommands(unit).filter((s) => s.key === 'debug')) {
        debugs++;
        expect(['OBJECT', 'DIGEST-VALUE', 'LISTPACK', 'PROTOCOL', 'SLEEP', 'DIGEST', 'RELOAD', 'LOG', 'CHANGE-REPL-ID', 'ERROR']).toContain(
          command.words[1],
        );
      }
    }
    expect(debugs).toBeGreaterThan(20);
  });
});
