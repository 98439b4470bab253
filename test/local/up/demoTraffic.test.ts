import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDemoOptionError, startDemoTraffic } from '../../../local/demo';
import { createLocalKinesisClient, startKinesis } from '../../../local/kinesis';
import { ENRICHED_STREAM } from '../../../stacks/config';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('startDemoTraffic', () => {
  it('puts enriched lines keyed by domain_userid, timestamped now, at about the rate asked for, with a heartbeat', async () => {
    const kinesis = await startKinesis({ streams: [ENRICHED_STREAM] });
    cleanups.push(() => kinesis.close());
    const client = createLocalKinesisClient(kinesis.endpoint);
    cleanups.push(async () => client.destroy());
    const lines: string[] = [];

    // Taken before the start: warming up may take seconds on a loaded machine.
    const began = Date.now();
    const demo = await startDemoTraffic({
      kinesis: client,
      streamName: ENRICHED_STREAM.streamName,
      rate: 100,
      seed: 5,
      // Exact duplicates repeat an earlier line's collector time, which may precede the start.
      duplicateRatio: 0,
      lateRatio: 0,
      heartbeatMs: 1_000,
      log: (line) => lines.push(line),
      heartbeatDetail: () => 'consumers idle',
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const stats = await demo.stop();
    const ended = Date.now();

    const records: { key: string; line: string }[] = [];
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: ENRICHED_STREAM.streamName }));
    for (const shard of Shards) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: ENRICHED_STREAM.streamName, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const out = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
      records.push(...(out.Records ?? []).map((r) => ({ key: r.PartitionKey!, line: Buffer.from(r.Data!).toString('utf8') })));
    }
    expect(records.length).toBe(stats.sent);
    expect(stats.errors).toBe(0);
    // Sessions come and go, so the count varies around rate × elapsed (3 s, longer on a loaded machine).
    const expected = (100 * (ended - began)) / 1000;
    expect(stats.sent).toBeGreaterThan(0.4 * expected);
    expect(stats.sent).toBeLessThan(2 * expected);
    for (const { key, line } of records) {
      const fields = line.split('\t');
      expect(fields.length).toBe(131);
      expect(key).toBe(fields[15]);
      const collectorMs = Date.parse(`${fields[3]!.replace(' ', 'T')}Z`);
      expect(collectorMs).toBeGreaterThanOrEqual(began - 1_000);
      expect(collectorMs).toBeLessThanOrEqual(ended + 1_000);
    }
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^demo: [\d,]+ events sent, \d+\.\d\/s over the last 1 s; consumers idle$/);
  });

  it('rejects a rate out of range, naming the option', async () => {
    const error = await startDemoTraffic({ kinesis: 'http://127.0.0.1:1', streamName: 's', rate: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDemoOptionError);
    expect((error as Error).message).toBe('demo traffic: rate must be a number of events per second from 0.1 to 5000, got 0');
  });
});
