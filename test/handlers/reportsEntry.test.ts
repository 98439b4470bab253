import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidEnvironmentError, readNumberEnv } from '../../handlers/shared';
import { windowStart } from '../../lib/reports';
import { createLocalKinesisClient, startKinesis, type KinesisService } from '../../local/kinesis';
import { BAD_ROWS_STREAM } from '../../stacks/config';
import { startReportsDb, type ReportsDb } from '../stores/reports/helpers';
import { expectedView, generatedRecords, hoursOf, kinesisEvent, kinesisRecord, readView } from './helpers';
import { DynamoReportStore } from '../../stores/reports';

const { generated, records } = generatedRecords({ events: 60, seed: 2 });
const SAVED = { ...process.env };

let db: ReportsDb;
let kinesis: KinesisService;
beforeAll(async () => {
  db = await startReportsDb();
  kinesis = await startKinesis({ streams: [BAD_ROWS_STREAM] });
});
afterAll(async () => {
  process.env = SAVED;
  await kinesis?.close();
  await db?.close();
});

describe('the report Lambda entry point', () => {
  it('builds its clients from the environment (SDK endpoint variables, table, stream, TTL days) and counts a batch', async () => {
    const tableName = await db.freshTable();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: db.service.endpoint,
      AWS_ENDPOINT_URL_KINESIS: kinesis.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      REPORTS_TABLE: tableName,
      BAD_ROWS_STREAM: BAD_ROWS_STREAM.streamName,
      MINUTE_ROW_TTL_DAYS: '2',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const { handler } = await import('../../handlers/reports');
    const invoke = handler as (event: KinesisStreamEvent, context?: Context) => Promise<KinesisStreamBatchResponse>;
    const out = await invoke(kinesisEvent([...records, kinesisRecord('not\tan\tevent', records.length)]));
    expect(out).toEqual({ batchItemFailures: [] });

    const store = new DynamoReportStore({ dynamodb: db.client(), tableName });
    const range = hoursOf(generated);
    expect((await readView(store, 'minute', range.fromMs, range.toMs)).counts).toEqual(expectedView(generated, 'minute').counts);
    const minute = windowStart(generated[0]!.eventTimeMs, 'minute');
    const item = await store.client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'events#minute' }, sk: { S: `${new Date(minute).toISOString()}#0` } } }));
    expect(item.Item?.ttl?.N).toBe(String(minute / 1000 + 2 * 86_400));

    const client = createLocalKinesisClient(kinesis.endpoint);
    try {
      const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: BAD_ROWS_STREAM.streamName }));
      const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: BAD_ROWS_STREAM.streamName, ShardId: Shards[0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
      const page = await client.send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));
      expect(page.Records!.map((r) => (JSON.parse(Buffer.from(r.Data!).toString('utf8')) as { data: { payload: string } }).data.payload)).toEqual(['not\tan\tevent']);
    } finally {
      client.destroy();
    }
  });

  it('refuses a setting that is not a positive number, naming the variable', () => {
    expect(() => readNumberEnv('MINUTE_ROW_TTL_DAYS', { MINUTE_ROW_TTL_DAYS: 'seven' })).toThrow(new InvalidEnvironmentError('MINUTE_ROW_TTL_DAYS', 'seven', 'a positive number'));
    expect(() => readNumberEnv('MINUTE_ROW_TTL_DAYS', { MINUTE_ROW_TTL_DAYS: '-1' })).toThrow('environment variable MINUTE_ROW_TTL_DAYS="-1" is not a positive number');
    expect(readNumberEnv('MINUTE_ROW_TTL_DAYS', { MINUTE_ROW_TTL_DAYS: '' })).toBeUndefined();
    expect(readNumberEnv('MINUTE_ROW_TTL_DAYS', { MINUTE_ROW_TTL_DAYS: '0.5' })).toBe(0.5);
  });
});
