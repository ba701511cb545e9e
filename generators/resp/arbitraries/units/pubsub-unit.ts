import fc from 'fast-check';
import type { CommandStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';

const SUBSCRIBER = 1;
const RESP3_SUBSCRIBER = 2;

const channels = fc.uniqueArray(fc.constantFrom('ch:0', 'ch:1', 'ch:2', 'ch:3'), { minLength: 1, maxLength: 3 });
const patterns = fc.uniqueArray(fc.constantFrom('ch:*', 'ch:[0-1]', 'ch:?', 'nomatch*'), { minLength: 1, maxLength: 2 });
const message = fc.constantFrom('hello', 'msg:1', '', 'x'.repeat(2000));

/** How a subscriber starts listening: channels, patterns or shard channels. */
const subscription = fc.oneof(
  { weight: 3, arbitrary: channels.map((chs) => ['SUBSCRIBE', ...chs]) },
  { weight: 2, arbitrary: patterns.map((ps) => ['PSUBSCRIBE', ...ps]) },
  { weight: 1, arbitrary: channels.map((chs) => ['SSUBSCRIBE', ...chs]) },
);

/** What the publisher side does: publish, or ask about subscribers. */
const publisherCommand = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('ch:0', 'ch:1', 'ch:2', 'ch:3'), message).map(([ch, m]) => ['PUBLISH', ch, m]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ch:0', 'ch:1'), message).map(([ch, m]) => ['SPUBLISH', ch, m]) },
  { weight: 1, arbitrary: channels.map((chs) => ['PUBSUB', 'NUMSUB', ...chs]) },
  { weight: 1, arbitrary: fc.constant<string[]>(['PUBSUB', 'NUMPAT']) },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['PUBSUB', 'CHANNELS'], ['PUBSUB', 'CHANNELS', 'ch:*'], ['PUBSUB', 'SHARDCHANNELS']) },
  { weight: 1, arbitrary: channels.map((chs) => ['PUBSUB', 'SHARDNUMSUB', ...chs]) },
);

/** What the subscriber does once messages may have arrived; PING also collects them. */
const subscriberCommand = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>(['PING']) },
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['UNSUBSCRIBE'], ['UNSUBSCRIBE', 'ch:0'], ['PUNSUBSCRIBE'], ['SUNSUBSCRIBE']) },
  // Refused in RESP2 subscribed mode, served in RESP3.
  { weight: 1, arbitrary: fc.constantFrom<string[]>(['GET', 'str:0'], ['PING', 'inside']) },
);

/**
 * A subscriber connection (and sometimes a RESP3 one, whose messages come as push frames)
 * listening while the main connection publishes; the subscribers PING at the end, which
 * collects the messages that arrived before the PONG into the answer.
 */
export function pubsubUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const max = inputs.c.maxCommandsPerUnit;
  return fc
    .record({
      subscribe: subscription,
      resp3: fc.option(subscription, { freq: 3, nil: null }),
      actions: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: publisherCommand.map((w) => ({ conn: 0, w })) },
          { weight: 1, arbitrary: subscriberCommand.map((w) => ({ conn: SUBSCRIBER, w })) },
        ),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
    })
    .map(({ subscribe, resp3, actions }): RespUnit => {
      const setup: CommandStep[] = [command(subscribe, SUBSCRIBER)];
      const collect: CommandStep[] = [command(['PING'], SUBSCRIBER)];
      if (resp3 && max >= 6) {
        setup.push(command(['HELLO', '3'], RESP3_SUBSCRIBER), command(resp3, RESP3_SUBSCRIBER));
        collect.push(command(['PING'], RESP3_SUBSCRIBER));
      }
      const room = Math.max(1, max - setup.length - collect.length);
      const middle = actions.slice(0, room).map(({ conn, w }) => command(w, conn));
      return { family: 'pubsub', steps: [...setup, ...middle, ...collect] };
    });
}
