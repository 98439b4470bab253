import { ListStreamsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_CLIENT_DEFAULTS } from '../../../handlers/shared/sdkClientDefaults';
import { createLocalKinesisClient, resolveKinesisClient, startKinesis, type KinesisService } from '../../../local/kinesis';

let kinesis: KinesisService;
beforeAll(async () => {
  kinesis = await startKinesis();
});
afterAll(async () => {
  await kinesis.close();
});

/** Sends three ListStreams and counts how often a middleware was built for a request. */
async function middlewareBuilds(client: KinesisClient): Promise<number> {
  let builds = 0;
  client.middlewareStack.add(
    (next) => {
      builds++;
      return (args) => next(args);
    },
    { step: 'initialize', name: 'countBuilds' },
  );
  for (let i = 0; i < 3; i++) await client.send(new ListStreamsCommand({}));
  client.destroy();
  return builds;
}

describe('SDK_CLIENT_DEFAULTS', () => {
  it('makes a client resolve its middleware once, not on every request', async () => {
    expect(await middlewareBuilds(createLocalKinesisClient(kinesis.endpoint, undefined, SDK_CLIENT_DEFAULTS))).toBe(1);
    expect(await middlewareBuilds(createLocalKinesisClient(kinesis.endpoint))).toBe(3);
  });

  it('is what a client the event source mapping builds for itself takes; a client handed in is left as it is', () => {
    const owned = resolveKinesisClient(kinesis.endpoint);
    const given = createLocalKinesisClient(kinesis.endpoint);
    expect(owned.owned).toBe(true);
    expect(owned.client.config.cacheMiddleware).toBe(true);
    expect(resolveKinesisClient(given).client.config.cacheMiddleware).toBeFalsy();
    owned.client.destroy();
    given.destroy();
  });
});
