/** The dashboard API handler's metrics and logs, over the real DynamoDB emulator. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardApiHandler, DASHBOARD_API_ROUTE_KEYS } from '../../handlers/dashboard-api';
import { API_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability';
import { DynamoReportStore } from '../../stores/reports';
import { injectFaults, internalError, NO_WAIT, startReportsDb, type ReportsDb } from '../stores/reports/helpers';
import { captureOutput, emfLines } from './shared/observabilityHelpers';

let db: ReportsDb;
beforeAll(async () => {
  db = await startReportsDb();
});
afterAll(async () => {
  await db?.close();
});

const request = (routeKey: string, report?: string, query?: Record<string, string>): APIGatewayProxyEventV2 =>
  ({ routeKey, rawPath: '/', pathParameters: report === undefined ? undefined : { report }, queryStringParameters: query, isBase64Encoded: false }) as unknown as APIGatewayProxyEventV2;

async function setup(failQueries = false) {
  const client = db.client();
  if (failQueries) injectFaults(client, { command: 'QueryCommand', phase: 'before', error: internalError });
  return createDashboardApiHandler({
    reader: new DynamoReportStore({ dynamodb: client, tableName: await db.freshTable(), retry: { ...NO_WAIT, maxAttempts: 1 } }),
    logger: new Logger({ serviceName: OBSERVED_SERVICES.dashboardApi, logLevel: 'WARN' }),
  });
}

describe('dashboard API observability', () => {
  it('each request writes one EMF line: requests, client and server errors by status, latency', async () => {
    const handler = await setup();
    const ok = await captureOutput(() => handler(request(DASHBOARD_API_ROUTE_KEYS.report, 'events')));
    expect(ok.result.statusCode).toBe(200);
    const [line] = emfLines(ok.lines);
    expect(line!._aws.CloudWatchMetrics[0]!.Namespace).toBe(METRICS_NAMESPACE);
    expect(line).toMatchObject({ service: OBSERVED_SERVICES.dashboardApi, [API_METRICS.requests]: 1, [API_METRICS.clientErrors]: 0, [API_METRICS.serverErrors]: 0 });
    expect(line![API_METRICS.latency]).toBeGreaterThan(0);

    const bad = await captureOutput(() => handler(request(DASHBOARD_API_ROUTE_KEYS.report, 'events', { granularity: 'fortnight' })));
    expect(bad.result.statusCode).toBe(400);
    expect(emfLines(bad.lines)[0]).toMatchObject({ [API_METRICS.clientErrors]: 1, [API_METRICS.serverErrors]: 0 });
  });

  it('a store failure counts a server error before it is thrown (API Gateway answers 500)', async () => {
    const handler = await setup(true);
    const failed = await captureOutput(() => handler(request(DASHBOARD_API_ROUTE_KEYS.report, 'events')).then(() => 'answered', (error: Error) => error.message));
    expect(failed.result).toMatch(/Internal server error \(injected\)/);
    expect(emfLines(failed.lines)[0]).toMatchObject({ [API_METRICS.requests]: 1, [API_METRICS.serverErrors]: 1 });
  });
});
