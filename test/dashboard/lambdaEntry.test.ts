import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../../handlers/dashboard-api';
import { startDynamoDb } from '../../local/dynamodb';
import type { DynamoDbService } from '../../local/dynamodb/types';
import { REPORTS_TABLE } from '../../stacks/config';
import { recordFreshness } from '../../stores/reports';
import { healthEvent, reportEvent } from './helpers';

// The deployed entry point, configured only by the environment as Lambda configures it; dynalite
// stands in for DynamoDB through the SDK's standard endpoint variable.
let dynamodb: DynamoDbService;

beforeAll(async () => {
  dynamodb = await startDynamoDb({ tables: [{ ...REPORTS_TABLE, tableName: 'reports-under-test' }] });
  vi.stubEnv('REPORTS_TABLE', 'reports-under-test');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamodb.endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dynamodb?.close();
});

describe('the dashboard API Lambda entry point', () => {
  it('reads the table named by REPORTS_TABLE: no rows and no freshness while it is empty', async () => {
    const report = await handler(reportEvent('page_views', { from: '2026-11-22T10:00:00Z', to: '2026-11-22T11:00:00Z' }));
    expect(report.statusCode).toBe(200);
    expect(report.body).toBe('{"report":"page_views","granularity":"minute","rows":[]}');
    const health = await handler(healthEvent());
    expect(JSON.parse(health.body as string)).toEqual({ ready: true, reports: { newest_event_time: null, updated_at: null, lag_ms: null } });
  });

  it('shows the freshness the report handler records', async () => {
    const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const newest = Date.now() - 90_000;
    await recordFreshness(client, 'reports-under-test', newest, newest + 750);
    client.destroy();
    const before = Date.now();
    const body = JSON.parse((await handler(healthEvent())).body as string) as { reports: { newest_event_time: string; updated_at: string; lag_ms: number } };
    const after = Date.now();
    expect(body.reports.newest_event_time).toBe(new Date(newest).toISOString());
    expect(body.reports.updated_at).toBe(new Date(newest + 750).toISOString());
    expect(body.reports.lag_ms).toBeGreaterThanOrEqual(before - newest);
    expect(body.reports.lag_ms).toBeLessThanOrEqual(after - newest);
  });
});
