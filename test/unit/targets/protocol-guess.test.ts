import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/shared/errors.js';
import { guessEndpoint, protocolOfPort } from '../../../targets/protocols.js';
import { resolveTargetSpec } from '../../../targets/resolve.js';
import { definitionOf } from '../../../targets/file/definition.js';
import { parseTargetFile } from '../../../targets/file/load.js';

describe('protocol and port from EXPOSE', () => {
  it.each([
    [[80], 'http', 80],
    [[8080], 'http', 8080],
    [[8000], 'http', 8000],
    [[443], 'http', 443],
    [[6379], 'resp', 6379],
    [[5432], 'postgres', 5432],
    [[11211], 'tcp', 11211],
    // A known protocol's port wins over a lower unknown one; the lowest unknown one otherwise.
    [[9000, 8080], 'http', 8080],
    [[5432, 9187], 'postgres', 5432],
    [[9200, 9300], 'tcp', 9200],
    [[8080, 6379], 'http', 8080],
  ] as const)('EXPOSE %j -> %s on %i, and says it guessed', (exposed, protocol, port) => {
    const guess = guessEndpoint(exposed, undefined, undefined);
    expect(guess).toMatchObject({ protocol, port });
    expect(guess!.guessed).toContain(`protocol ${protocol} and port ${port} from the image's EXPOSE`);
  });

  it('a port given names the protocol its number suggests; both given, nothing is guessed', () => {
    expect(guessEndpoint([], undefined, 6379)).toEqual({ protocol: 'resp', port: 6379, guessed: 'protocol resp from port 6379' });
    expect(guessEndpoint([], undefined, 7000)).toMatchObject({ protocol: 'tcp', port: 7000 });
    expect(guessEndpoint([80], 'tcp', 9999)).toEqual({ protocol: 'tcp', port: 9999 });
    expect(protocolOfPort(5432)).toBe('postgres');
  });

  it('a protocol given picks its exposed port, or the only one exposed', () => {
    expect(guessEndpoint([22, 80], 'http', undefined)).toMatchObject({ protocol: 'http', port: 80 });
    expect(guessEndpoint([3000], 'http', undefined)).toMatchObject({ protocol: 'http', port: 3000 });
    expect(guessEndpoint([3000, 3001], 'http', undefined)).toBeUndefined();
    expect(guessEndpoint([], undefined, undefined)).toBeUndefined();
  });

  it('resolving an image that exposes nothing asks for the port, in the terms of where the target came from', () => {
    const def = definitionOf(parseTargetFile('image: scratch-app\n', 'app.yaml'), { kind: 'file', path: '/t/app.yaml', sha256: '' });
    expect(() => resolveTargetSpec(def, [])).toThrow(UsageError);
    expect(() => resolveTargetSpec(def, [])).toThrow(
      'image scratch-app exposes no TCP port to guess from: give port: (and protocol:) in the target file',
    );
    const { spec, guessed } = resolveTargetSpec(def, [8080]);
    expect(spec).toMatchObject({ protocol: 'http', port: 8080, generator: 'http', miningBudgetSec: 90 });
    expect(guessed).toBe("protocol http and port 8080 from the image's EXPOSE 8080");
  });
});
