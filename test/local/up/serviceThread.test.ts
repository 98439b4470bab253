import { createServer } from 'node:net';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { createLocalKinesisClient } from '../../../local/kinesis';
import { isPortInUse, probePort } from '../../../local/up';
import { startServiceThread } from '../../../local/up/threads';
import { ENRICHED_STREAM } from '../../../stacks/config';

const never = (): void => {
  throw new Error('the service thread died');
};

describe('startServiceThread', () => {
  it('runs kinesalite in a thread of its own, reached through its endpoint, and frees its port on close', async () => {
    const kinesis = await startServiceThread('kinesis', { port: 0, streams: [ENRICHED_STREAM] }, never);
    const client = createLocalKinesisClient(kinesis.endpoint, 'us-east-1');
    try {
      expect((await client.send(new ListStreamsCommand({}))).StreamNames).toEqual([ENRICHED_STREAM.streamName]);
    } finally {
      client.destroy();
      await kinesis.close();
    }
    const port = Number(new URL(kinesis.endpoint).port);
    expect(await probePort(port, '127.0.0.1')).toBeUndefined();
  });

  it('fails to start with the port-in-use error code kept, so snowline up can name the option', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const error = await startServiceThread('kinesis', { port, streams: [ENRICHED_STREAM] }, never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^kinesis: /);
      expect(isPortInUse(error)).toBe(true);
    } finally {
      busy.close();
    }
  });
});
