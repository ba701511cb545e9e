import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { RawMessage, RawUnit } from '../../unit.js';
import { flawedRequestArbitrary } from '../flawed-request.js';
import { foreignGreetingArbitrary } from '../foreign-greeting.js';
import { framingArbitrary } from '../framing.js';
import { methodAndBodyArbitrary } from '../method-and-body.js';
import { pathArbitrary } from '../path.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { everydayHeadersArbitrary } from '../everyday-headers.js';

const PREFIX_BODY_BYTES = 1024;

/**
 * Zero to two good requests, then a flawed request or another protocol's greeting: the good ones
 * show the connection worked, the last one drives the server's error paths. A slowloris request
 * always comes alone, since hanging up early would race with the answers to the good ones.
 */
export function malformedUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  const good = rawRequestArbitrary({
    methodAndBody: methodAndBodyArbitrary(Math.min(PREFIX_BODY_BYTES, c.maxBodyBytes)),
    target: pathArbitrary(c),
    version: fc.constant('HTTP/1.1'),
    headers: everydayHeadersArbitrary(),
    framing: framingArbitrary(),
  });
  const last: fc.Arbitrary<RawMessage> = fc.oneof(
    { weight: 6, arbitrary: flawedRequestArbitrary(c) },
    { weight: 1, arbitrary: foreignGreetingArbitrary() },
  );
  const prefixLength = Math.min(2, c.maxRequestsPerUnit - 1);
  return fc.tuple(fc.array(good, { maxLength: prefixLength, size: 'max' }), last).map(([prefix, final]): RawUnit => {
    const alone = final.kind === 'request' && final.flaw?.kind === 'slowloris';
    return { kind: 'raw', family: 'malformed', messages: alone ? [final] : [...prefix, final] };
  });
}
