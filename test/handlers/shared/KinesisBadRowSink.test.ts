import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KinesisBadRowSink, type BadRow } from '../../../handlers/shared';
import { createLocalKinesisClient, createStreams, startKinesis, type KinesisService } from '../../../local/kinesis';

let kinesis: KinesisService;
let client: KinesisClient;
let streams = 0;
beforeAll(async () => {
  kinesis = await startKinesis();
  client = createLocalKinesisClient(kinesis.endpoint);
});
afterAll(async () => {
  client?.destroy();
  await kinesis?.close();
});

async function freshStream(): Promise<string> {
  const streamName = `bad-rows-${++streams}`;
  await createStreams(client, [{ streamName, capacity: 1, localShardCount: 1, retentionHours: 24 }]);
  return streamName;
}

async function readAll(streamName: string): Promise<string[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  let { ShardIterator: iterator } = await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: Shards[0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
  const out: string[] = [];
  for (;;) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator! }));
    if ((page.Records ?? []).length === 0) return out;
    out.push(...page.Records!.map((r) => Buffer.from(r.Data!).toString('utf8')));
    iterator = page.NextShardIterator;
  }
}

const rows = (n: number): BadRow[] => Array.from({ length: n }, (_, i) => ({ json: `{"row":${i}}`, partitionKey: `pk-${i % 7}`, sequenceNumber: String(1000 + Math.floor(i / 3)) }));

describe('KinesisBadRowSink', () => {
  it('writes 1,200 rows in calls of at most 500, in order', async () => {
    const streamName = await freshStream();
    const calls: number[] = [];
    const name = 'countPutRecords';
    client.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'PutRecordsCommand') calls.push(((args as { input: { Records: unknown[] } }).input.Records).length);
      return next(args);
    }, { step: 'initialize', name });
    try {
      const failed = await new KinesisBadRowSink({ kinesis: client, streamName }).send(rows(1200));
      expect([...failed]).toEqual([]);
    } finally {
      client.middlewareStack.remove(name);
    }
    expect(calls).toEqual([500, 500, 200]);
    expect(await readAll(streamName)).toEqual(rows(1200).map((r) => r.json));
  });

  it('retries a throttled call, writing each row once', async () => {
    const streamName = await freshStream();
    let throttles = 2;
    const name = 'throttlePutRecords';
    client.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'PutRecordsCommand' && throttles-- > 0) throw new ProvisionedThroughputExceededException({ message: 'Rate exceeded (injected)', $metadata: {} });
      return next(args);
    }, { step: 'initialize', name });
    try {
      const failed = await new KinesisBadRowSink({ kinesis: client, streamName, retry: { baseDelayMs: 0 } }).send(rows(10));
      expect([...failed]).toEqual([]);
    } finally {
      client.middlewareStack.remove(name);
    }
    expect(await readAll(streamName)).toEqual(rows(10).map((r) => r.json));
  });

  it('reports the source record of every row it could not write', async () => {
    const failed = await new KinesisBadRowSink({ kinesis: client, streamName: 'no-such-stream', retry: { baseDelayMs: 0 } }).send(rows(7));
    expect([...failed].sort()).toEqual(['1000', '1001', '1002']);
  });
});
