import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { answerHealth, answerReport, API_HEADERS, DASHBOARD_API_ROUTES, type ApiAnswer } from '../lib/dashboard';
import type { ReportReader } from '../lib/reports';
import { REPORTS_TABLE } from '../stacks/config';
import { DynamoReportStore } from '../stores/reports';
import { createObservability, OBSERVED_SERVICES, publishRequestMetrics, traceInvocation, type Observability } from './shared/observability';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** What {@link createDashboardApiHandler} needs. */
export interface DashboardApiOptions {
  /** The report store the API reads. */
  readonly reader: ReportReader;
  /** The clock, epoch ms: the default `to` and the reference of the lag. @default Date.now */
  readonly now?: () => number;
  /** Where a store failure behind `GET /api/health` is reported. @default - an error line of `logger` */
  readonly onError?: (error: unknown) => void;
  /** Structured JSON logs: a store failure, and a warning per 5xx answer. @default new Logger({ serviceName: 'snowline-dashboard-api' }) */
  readonly logger?: Logger;
  /**
   * Where each request's `API_METRICS` go (one EMF line); `null`: none (`snowline up`).
   *
   * @default new Metrics({ namespace: 'Snowline', serviceName: 'snowline-dashboard-api' })
   */
  readonly metrics?: Metrics | null;
}

/** A handler of the dashboard API: an HTTP API (payload format 2.0) event in, a JSON response out. */
export type DashboardApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** The route keys the handler answers, as API Gateway puts them in `event.routeKey`. */
export const DASHBOARD_API_ROUTE_KEYS = {
  report: `${DASHBOARD_API_ROUTES.report.method} ${DASHBOARD_API_ROUTES.report.path}`,
  health: `${DASHBOARD_API_ROUTES.health.method} ${DASHBOARD_API_ROUTES.health.path}`,
} as const;

const NOT_FOUND: ApiAnswer = { statusCode: 404, body: { message: 'Not Found' } };

/**
 * The dashboard API, one Lambda behind two HTTP API routes: `GET /api/reports/{report}` (a
 * report's rows, 400 naming a bad parameter, 404 for an unknown report) and `GET /api/health`
 * (the newest event time counted and the pipeline lag). A store failure on a report request
 * is thrown, so Lambda logs it and API Gateway answers 500.
 *
 * @example
 * ```ts
 * const handler = createDashboardApiHandler({ reader: new DynamoReportStore({ tableName: 'snowline-reports' }) });
 * ```
 */
export function createDashboardApiHandler(options: DashboardApiOptions): DashboardApiHandler {
  const now = options.now ?? Date.now;
  const { logger, metrics } = createObservability(OBSERVED_SERVICES.dashboardApi, options);
  const onError = options.onError ?? ((error: unknown) => logger.error('the report store did not answer', { error: error as Error }));
  return async (event) => {
    const started = performance.now();
    let answer: ApiAnswer;
    try {
      if (event.routeKey === DASHBOARD_API_ROUTE_KEYS.report) {
        answer = await answerReport(options.reader, event.pathParameters?.report, event.queryStringParameters, now());
      } else if (event.routeKey === DASHBOARD_API_ROUTE_KEYS.health) {
        answer = await answerHealth(options.reader, now(), onError);
      } else {
        answer = NOT_FOUND;
      }
    } catch (error) {
      publishRequestMetrics(metrics, 500, performance.now() - started);
      throw error;
    }
    publishRequestMetrics(metrics, answer.statusCode, performance.now() - started);
    if (answer.statusCode >= 500) logger.warn('answered with a server error', { routeKey: event.routeKey, statusCode: answer.statusCode });
    return { statusCode: answer.statusCode, headers: { ...API_HEADERS }, body: JSON.stringify(answer.body) };
  };
}

let deployed: DashboardApiHandler | undefined;
let observability: Observability | undefined;

/**
 * The Lambda entry point: reads the reports table named by `REPORTS_TABLE` (default the
 * configured reports table) with a client configured from the environment like any Lambda's,
 * its calls traced with X-Ray; each request publishes `API_METRICS` (namespace `Snowline`,
 * service `snowline-dashboard-api`).
 */
export const handler = (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (deployed === undefined) {
    observability = createObservability(OBSERVED_SERVICES.dashboardApi);
    deployed = createDashboardApiHandler({
      ...observability,
      reader: new DynamoReportStore({ dynamodb: observability.tracer.captureAWSv3Client(new DynamoDBClient({ ...SDK_CLIENT_DEFAULTS })), tableName: process.env.REPORTS_TABLE || REPORTS_TABLE.tableName }),
    });
  }
  const run = deployed;
  return traceInvocation(observability!.tracer, () => run(event));
};
