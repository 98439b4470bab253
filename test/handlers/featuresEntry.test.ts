import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalKinesisClient, startKinesis, type KinesisService } from '../../local/kinesis';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { BAD_ROWS_STREAM } from '../../stacks/config';
import { expectedProductActivity, expectedUserActivity } from '../lib/features/truth';
import { readRecords, startFeatureStore, startFeaturesDb, type FeaturesDb } from '../stores/features/helpers';
import { generatedRecords, kinesisEvent, kinesisRecord } from './helpers';

const { generated, records } = generatedRecords({ events: 80, seed: 4 });
const SAVED = { ...process.env };

let db: FeaturesDb;
let kinesis: KinesisService;
let featureStore: Awaited<ReturnType<typeof startFeatureStore>>;
beforeAll(async () => {
  db = await startFeaturesDb();
  kinesis = await startKinesis({ streams: [BAD_ROWS_STREAM] });
  featureStore = await startFeatureStore();
});
afterAll(async () => {
  process.env = SAVED;
  await featureStore?.close();
  await kinesis?.close();
  await db?.close();
});

describe('the feature Lambda entry point', () => {
  it('builds its clients from the environment (SDK endpoint variables, state table, bad-rows stream) and computes a batch', async () => {
    const tableName = await db.freshTable();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: db.service.endpoint,
      AWS_ENDPOINT_URL_KINESIS: kinesis.endpoint,
      AWS_ENDPOINT_URL_SAGEMAKER_FEATURESTORE_RUNTIME: featureStore.service.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      FEATURE_STATE_TABLE: tableName,
      BAD_ROWS_STREAM: BAD_ROWS_STREAM.streamName,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const fields = generated[0]!.line.split('\t');
    fields[FIELD_INDEX.derived_contexts] = '[not json';
    const { handler } = await import('../../handlers/features');
    const out: KinesisStreamBatchResponse = await handler(kinesisEvent([...records, kinesisRecord(fields.join('\t'), records.length)]) as KinesisStreamEvent);
    expect(out).toEqual({ batchItemFailures: [] });

    const users = expectedUserActivity(generated);
    const products = expectedProductActivity(generated);
    expect(await readRecords(featureStore.client, 'user_activity', [...users.keys()])).toEqual(users);
    expect(await readRecords(featureStore.client, 'product_activity', [...products.keys()])).toEqual(products);
    const state = await db.client().send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: `user_activity#${generated[0]!.event.domain_userid}` }, sk: { S: 's' } } }));
    expect(state.Item?.v?.N).toBe('1');

    const client = createLocalKinesisClient(kinesis.endpoint);
    try {
      const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: BAD_ROWS_STREAM.streamName }));
      const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: BAD_ROWS_STREAM.streamName, ShardId: Shards[0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
      const page = await client.send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));
      expect(page.Records!.map((r) => (JSON.parse(Buffer.from(r.Data!).toString('utf8')) as { data: { payload: string } }).data.payload)).toEqual([fields.join('\t')]);
    } finally {
      client.destroy();
    }
  });
});
