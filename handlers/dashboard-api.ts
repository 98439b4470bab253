import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { answerHealth, answerReport, API_HEADERS, DASHBOARD_API_ROUTES, type ApiAnswer } from '../lib/dashboard';
import type { ReportReader } from '../lib/reports';
import { REPORTS_TABLE } from '../stacks/config';
import { DynamoReportStore } from '../stores/reports';

/** What {@link createDashboardApiHandler} needs. */
export interface DashboardApiOptions {
  /** The report store the API reads. */
  readonly reader: ReportReader;
  /** The clock, epoch ms: the default `to` and the reference of the lag. @default Date.now */
  readonly now?: () => number;
  /** Where a store failure behind `GET /api/health` is reported (Lambda logs it). @default console.error */
  readonly onError?: (error: unknown) => void;
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
  const onError = options.onError ?? ((error: unknown) => console.error('[dashboard-api] the report store did not answer:', error));
  return async (event) => {
    let answer: ApiAnswer;
    if (event.routeKey === DASHBOARD_API_ROUTE_KEYS.report) {
      answer = await answerReport(options.reader, event.pathParameters?.report, event.queryStringParameters, now());
    } else if (event.routeKey === DASHBOARD_API_ROUTE_KEYS.health) {
      answer = await answerHealth(options.reader, now(), onError);
    } else {
      answer = NOT_FOUND;
    }
    return { statusCode: answer.statusCode, headers: { ...API_HEADERS }, body: JSON.stringify(answer.body) };
  };
}

let deployed: DashboardApiHandler | undefined;

/**
 * The Lambda entry point: reads the reports table named by `REPORTS_TABLE` (default the
 * configured reports table) with a client configured from the environment like any Lambda's.
 */
export const handler = (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  deployed ??= createDashboardApiHandler({
    reader: new DynamoReportStore({ dynamodb: new DynamoDBClient({}), tableName: process.env.REPORTS_TABLE || REPORTS_TABLE.tableName }),
  });
  return deployed(event);
};
