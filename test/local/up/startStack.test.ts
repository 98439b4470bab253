import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KinesisClient, ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import {
  GetRecordCommand,
  PutRecordCommand as PutFeatureRecordCommand,
  ResourceNotFound,
  SageMakerFeatureStoreRuntimeClient,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../lib/generator';
import { apiKeyHeaders, dashboardUrl, LOCAL_MAX_BODY_BYTES } from '../../../local/http';
import { isProcessAlive } from '../../../local/postgres';
import { PUBLISHED_MODEL_DIR } from '../../../local/sagemaker/loadServedModel';
import { loadXgboostModel } from '../../../local/sagemaker/xgboostModel';
import {
  DataDirInUseError,
  EndpointsNotFoundError,
  readEndpoints,
  sdkClientConfig,
  ServicePortInUseError,
  startStack,
  type Endpoints,
  type LocalStack,
} from '../../../local/up';
import { STREAMS, TABLES } from '../../../stacks/config';
import { entries, eventually, FREE_PORTS, postmasterPid, readStream, removeDir, tempDataDir, TEST_TABLE } from './helpers';

const TABLE_DEFINITIONS = [...TABLES, TEST_TABLE];
let dataDir: string;
let stack: LocalStack | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  dataDir = await tempDataDir();
  dirs.push(dataDir);
  stack = await startStack({ dataDir, ports: FREE_PORTS, tables: TABLE_DEFINITIONS });
});

afterAll(async () => {
  await stack?.close();
  for (const dir of dirs) await removeDir(dir);
});

const running = (): LocalStack => stack!;

async function query(endpoints: Endpoints, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: endpoints.postgres, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function clients(endpoints: Endpoints) {
  return {
    kinesis: new KinesisClient(sdkClientConfig(endpoints, 'kinesis')),
    dynamodb: new DynamoDBClient(sdkClientConfig(endpoints, 'dynamodb')),
    featureStore: new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(endpoints, 'featurestore')),
    sagemaker: new SageMakerRuntimeClient(sdkClientConfig(endpoints, 'sagemaker')),
    destroy() {
      this.kinesis.destroy();
      this.dynamodb.destroy();
      this.featureStore.destroy();
      this.sagemaker.destroy();
    },
  };
}

describe('startStack', () => {
  it('writes endpoints.json, which readEndpoints validates, naming every service, stream, table and feature group', async () => {
    const { endpoints, ports } = running();
    expect(await readEndpoints(dataDir)).toEqual(endpoints);
    expect(running().endpointsFile).toBe(join(dataDir, 'endpoints.json'));
    expect(endpoints.kinesis).toBe(`http://127.0.0.1:${ports.kinesis}`);
    expect(endpoints.dynamodb).toBe(`http://127.0.0.1:${ports.dynamodb}`);
    expect(endpoints.featurestore).toBe(`http://127.0.0.1:${ports.featurestore}`);
    expect(endpoints.sagemaker).toBe(`http://127.0.0.1:${ports.sagemaker}`);
    expect(endpoints.modelServer).toBe(`http://127.0.0.1:${ports.modelServer}`);
    expect(endpoints.http).toBe(`http://127.0.0.1:${ports.http}`);
    expect(endpoints.postgres).toMatch(new RegExp(`^postgres://postgres:[A-Za-z0-9_-]{24}@127\\.0\\.0\\.1:${ports.postgres}/snowline$`));
    expect(endpoints.streams).toEqual({ enriched: 'snowline-enriched', badRows: 'snowline-bad-rows' });
    expect(endpoints.tables.testReports).toBe('snowline-test-reports');
    expect(Object.values(endpoints.tables).sort()).toEqual(TABLE_DEFINITIONS.map((t) => t.tableName).sort());
    expect(endpoints.featureGroups).toEqual({ userActivity: 'user_activity', productActivity: 'product_activity' });
    expect(endpoints.sagemakerEndpoints).toEqual({ propensity: 'snowline-propensity' });
    expect(endpoints.region).toBe('us-east-1');
    expect(endpoints.dataDir).toBe(dataDir);
    expect(endpoints.pid).toBe(process.pid);
    expect(running().startupMs).toBeLessThan(30_000);
    expect(running().postgres.initialised).toBe(true);
  });

  it('serves Kinesis with the defined streams, DynamoDB with the defined tables', async () => {
    const c = clients(running().endpoints);
    try {
      expect((await c.kinesis.send(new ListStreamsCommand({}))).StreamNames).toEqual(STREAMS.map((s) => s.streamName).sort());
      expect((await c.dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(TABLE_DEFINITIONS.map((t) => t.tableName).sort());
    } finally {
      c.destroy();
    }
  });

  it('serves the Feature Store runtime: AWS errors for an unknown group, an empty answer for a missing record', async () => {
    const c = clients(running().endpoints);
    try {
      const error = await c.featureStore
        .send(new GetRecordCommand({ FeatureGroupName: 'no_such_group', RecordIdentifierValueAsString: 'u1' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFound);
      expect((error as ResourceNotFound).$metadata.httpStatusCode).toBe(404);
      const missing = await c.featureStore.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: 'nobody' }));
      expect(missing.Record).toBeUndefined();
    } finally {
      c.destroy();
    }
  });

  it('serves InvokeEndpoint through the SageMaker runtime to the trained model (model/propensity)', async () => {
    const c = clients(running().endpoints);
    try {
      const trained = await loadXgboostModel(PUBLISHED_MODEL_DIR);
      const row = trained.featureNames.map((_, i) => i % 2);
      const out = await c.sagemaker.send(
        new InvokeEndpointCommand({ EndpointName: 'snowline-propensity', ContentType: 'text/csv', Body: Buffer.from(row.join(',')) }),
      );
      expect(Number(Buffer.from(out.Body!).toString('utf8'))).toBe((await trained.predict([row]))[0]);
      expect(out.InvokedProductionVariant).toBe('AllTraffic');
    } finally {
      c.destroy();
    }
  });

  it('serves PostgreSQL with wal_level=logical and the snowline database', async () => {
    const { endpoints } = running();
    expect(await query(endpoints, 'SHOW wal_level')).toEqual([{ wal_level: 'logical' }]);
    expect(await query(endpoints, 'SELECT current_database() AS db')).toEqual([{ db: 'snowline' }]);
  });

  it('answers GET /api/health with 200 and every service', async () => {
    const response = await fetch(`${running().endpoints.http}/api/health`, { headers: apiKeyHeaders(running().endpoints) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ready: boolean; services: { name: string }[]; dataDir: string };
    expect(body.ready).toBe(true);
    expect(body.services.map((s) => s.name)).toEqual(['kinesis', 'dynamodb', 'featurestore', 'sagemaker', 'model-server', 'postgres']);
    expect(body.dataDir).toBe(dataDir);
  });

  it('serves the dashboard at / and the reports API over the reports table', async () => {
    const page = await fetch(`${running().endpoints.http}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>');
    const api = await fetch(`${running().endpoints.http}/api/reports/events?granularity=hour`, { headers: apiKeyHeaders(running().endpoints) });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ report: 'events', granularity: 'hour', rows: [] });
    const health = (await (await fetch(`${running().endpoints.http}/api/health`, { headers: apiKeyHeaders(running().endpoints) })).json()) as {
      reports: { newest_event_time: unknown };
    };
    expect(health.reports).toMatchObject({ newest_event_time: null });
  });

  it('requires the API key in <data-dir>/api-key (0600, in endpoints.json) on /api/* and /predict, and refuses a body over 1 MiB with 413', async () => {
    // GIVEN the stack started with its defaults
    const { endpoints } = running();
    const keyFile = join(dataDir, 'api-key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(endpoints.apiKey).toBe((await readFile(keyFile, 'utf8')).trim());
    const predict = (headers: Record<string, string>, body = JSON.stringify({ domain_userid: 'nobody-yet' })) =>
      fetch(`${endpoints.http}/predict`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    // WHEN called without the key or with a wrong one THEN 401 with a JSON error
    for (const response of [
      await fetch(`${endpoints.http}/api/health`),
      await fetch(`${endpoints.http}/api/reports/events?granularity=hour`, { headers: { 'x-api-key': 'not-the-key' } }),
      await predict({}),
    ]) {
      expect(response.status, response.url).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(((await response.json()) as { message: string }).message).toMatch(/^Unauthorized/);
    }
    // WHEN called with the key THEN answered
    expect((await fetch(`${endpoints.http}/api/health`, { headers: apiKeyHeaders(endpoints) })).status).toBe(200);
    const scored = await predict(apiKeyHeaders(endpoints));
    expect(scored.status).toBe(200);
    expect(await scored.json()).toMatchObject({ domain_userid: 'nobody-yet' });
    // WHEN the body is over 1 MiB THEN 413, with or without the key
    const oversized = JSON.stringify({ domain_userid: 'x'.repeat(LOCAL_MAX_BODY_BYTES) });
    expect((await predict(apiKeyHeaders(endpoints), oversized)).status).toBe(413);
    // WHEN the printed dashboard link is opened THEN it sets the key as a cookie, which lets the API in
    const opened = await fetch(dashboardUrl(endpoints), { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${endpoints.http}/api/health`, { headers: { cookie } })).status).toBe(200);
  });

  it('consumes the enriched stream: what is not a valid event arrives on the bad-rows stream as a bad row', async () => {
    const c = clients(running().endpoints);
    const [valid] = [...generateEvents({ events: 1, seed: 3 })];
    try {
      const put = (key: string, data: Uint8Array) => c.kinesis.send(new PutRecordCommand({ StreamName: 'snowline-enriched', PartitionKey: key, Data: data }));
      await put('u1', Buffer.from(valid!.line));
      await put('u2', Buffer.from('not\tan\tevent'));
      await put('u3', Buffer.from([0x1f, 0x8b, 0x00, 0x01]));
      const badRows = await eventually(
        async () => {
          const rows = await readStream(c.kinesis, 'snowline-bad-rows');
          return rows.length >= 2 ? rows : undefined;
        },
        15_000,
        'two bad rows',
      );
      const parsed = badRows.map((row) => JSON.parse(row) as { schema: string; data: { failure: Record<string, unknown>; payload: string } });
      parsed.sort((a, b) => a.schema.localeCompare(b.schema));
      expect(parsed.map((r) => r.schema)).toEqual([
        'iglu:com.snowplowanalytics.snowplow.badrows/generic_error/jsonschema/1-0-0',
        'iglu:com.snowplowanalytics.snowplow.badrows/loader_parsing_error/jsonschema/2-0-0',
      ]);
      expect(parsed[0]!.data.payload).toBe('H4sAAQ==');
      expect(parsed[1]!.data.failure).toEqual({ type: 'FieldNumberMismatch', fieldCount: 3 });
      expect(parsed[1]!.data.payload).toBe('not\tan\tevent');
      await eventually(async () => (running().consumerStats().every((s) => s.recordsProcessed === 3) ? true : undefined), 5_000, 'three records read by every consumer');
      expect(running().consumerStats().map((s) => [s.name, s.recordsProcessed, s.failedBatches]).sort()).toEqual([['archiver', 3, 0], ['features', 3, 0], ['reports', 3, 0], ['shop-orders', 3, 0]]);
    } finally {
      c.destroy();
    }
  });

  it('refuses a port in use before starting anything, naming the option that changes it', async () => {
    const other = await tempDataDir();
    dirs.push(other);
    const port = running().ports.kinesis;
    const error = await startStack({ dataDir: other, ports: { ...FREE_PORTS, kinesis: port } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicePortInUseError);
    expect((error as Error).message).toBe(`port ${port} is in use (kinesis); choose another with --kinesis-port`);
    expect(await entries(other)).toEqual([]);
  });

  it('refuses a second stack on the same data dir', async () => {
    const error = await startStack({ dataDir, ports: FREE_PORTS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as Error).message).toBe(`another snowline up (pid ${process.pid}) is using ${dataDir}; stop it first, or choose another --data-dir`);
  });

  it('keeps data across a restart, stops PostgreSQL and removes endpoints.json on close; --fresh starts empty', async () => {
    // Prepare: one acknowledged write to each store.
    const first = running();
    const c = clients(first.endpoints);
    await c.kinesis.send(new PutRecordCommand({ StreamName: 'snowline-bad-rows', PartitionKey: 'k', Data: Buffer.from('kept record') }));
    await c.dynamodb.send(new PutItemCommand({ TableName: TEST_TABLE.tableName, Item: { pk: { S: 'kept' }, n: { N: '3' } } }));
    await c.featureStore.send(
      new PutFeatureRecordCommand({
        FeatureGroupName: 'product_activity',
        Record: [
          { FeatureName: 'sku', ValueAsString: 'SKU-1' },
          { FeatureName: 'event_time', ValueAsString: '2026-11-22T10:00:00.000Z' },
          { FeatureName: 'views_1h', ValueAsString: '4' },
        ],
      }),
    );
    c.destroy();
    await query(first.endpoints, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before restart')");
    const pgPid = await postmasterPid(dataDir);
    expect(pgPid).toBeGreaterThan(0);

    // Act: stop, then start again on the same data dir.
    const timings = await first.close();
    stack = undefined;
    expect(timings.map((t) => [t.name, t.error])).toEqual(
      ['consumer archiver', 'consumer features', 'consumer reports', 'consumer shop-orders', 'http', 'featurestore', 'sagemaker', 'model-server', 'dynamodb', 'kinesis', 'replicator', 'postgres'].map((n) => [n, undefined]),
    );
    expect(await isProcessAlive(pgPid!)).toBe(false);
    expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);
    await expect(readEndpoints(dataDir)).rejects.toBeInstanceOf(EndpointsNotFoundError);
    stack = await startStack({ dataDir, ports: FREE_PORTS, tables: TABLE_DEFINITIONS });

    // Assess: everything acknowledged before is there.
    const again = clients(running().endpoints);
    try {
      expect(running().postgres.initialised).toBe(false);
      expect(running().postgres.previousRun).toEqual({ kind: 'clean' });
      expect(await readStream(again.kinesis, 'snowline-bad-rows')).toContain('kept record');
      const item = await again.dynamodb.send(new GetItemCommand({ TableName: TEST_TABLE.tableName, Key: { pk: { S: 'kept' } } }));
      expect(item.Item).toEqual({ pk: { S: 'kept' }, n: { N: '3' } });
      const record = await again.featureStore.send(new GetRecordCommand({ FeatureGroupName: 'product_activity', RecordIdentifierValueAsString: 'SKU-1' }));
      expect(record.Record?.find((f) => f.FeatureName === 'views_1h')?.ValueAsString).toBe('4');
      expect(await query(running().endpoints, 'SELECT note FROM kept')).toEqual([{ note: 'before restart' }]);
      expect(running().endpoints.apiKey).toBe(first.endpoints.apiKey);
    } finally {
      again.destroy();
    }

    // --fresh with --no-api-key: empty stores; the key file stays (a restart with the key keeps it), the API is open.
    await running().close();
    stack = await startStack({ dataDir, ports: FREE_PORTS, tables: TABLE_DEFINITIONS, fresh: true, requireApiKey: false });
    const fresh = clients(running().endpoints);
    try {
      expect(running().postgres.initialised).toBe(true);
      expect(await readStream(fresh.kinesis, 'snowline-bad-rows')).toEqual([]);
      const item = await fresh.dynamodb.send(new GetItemCommand({ TableName: TEST_TABLE.tableName, Key: { pk: { S: 'kept' } } }));
      expect(item.Item).toBeUndefined();
      expect(await query(running().endpoints, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'")).toEqual([{ n: 0 }]);
      expect(running().endpoints.apiKey).toBeUndefined();
      expect((await readFile(join(dataDir, 'api-key'), 'utf8')).trim()).toBe(first.endpoints.apiKey);
      expect((await fetch(`${running().endpoints.http}/api/health`)).status).toBe(200);
    } finally {
      fresh.destroy();
    }
  });
});
