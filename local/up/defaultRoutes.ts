import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { createDashboardApiHandler, type DashboardApiOptions } from '../../handlers/dashboard-api';
import { DASHBOARD_API_ROUTES } from '../../lib/dashboard/constants';
import type { InferenceHandler } from '../../handlers/inference';
import { PREDICT_ROUTES } from '../../lib/inference/constants';
import type { Route } from '../http/types';

/**
 * The routes of the local HTTP API, the same handlers API Gateway integrates with on AWS.
 * `GET /api/health` is built in; the reporting and inference APIs add theirs here.
 */
export const DEFAULT_ROUTES: readonly Route[] = [];

/** The dashboard's static files (`dashboard/`), served outside `/api` as CloudFront serves them on AWS. */
export const DASHBOARD_STATIC_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));

/**
 * The dashboard API's routes (`GET /api/reports/{report}`, `GET /api/health`), one handler
 * behind both as on AWS, over the given report reader (locally a `DynamoReportStore` on
 * dynalite). The local server answers `GET /api/health` itself, so that route is shadowed there:
 * put `reportHealth(await reader.freshness(), Date.now())` (lib/dashboard) under `reports` in
 * the stack's health to show the same freshness.
 *
 * @example
 * const routes = [...DEFAULT_ROUTES, ...dashboardApiRoutes({ reader: new DynamoReportStore({ dynamodb: { endpoint } }) })];
 */
export const dashboardApiRoutes = (options: DashboardApiOptions): Route[] => {
  // Locally no metrics and warnings only, so the terminal is not flooded by the dashboard's polling.
  const handler = createDashboardApiHandler({ metrics: null, logger: new Logger({ serviceName: 'snowline-dashboard-api', logLevel: 'WARN' }), ...options });
  return Object.values(DASHBOARD_API_ROUTES).map((route) => ({ ...route, handler, functionName: 'snowline-dashboard-api' }));
};

/** The inference API's routes (`POST /predict`, `POST /predict/batch`), one handler behind both as on AWS. */
export const inferenceApiRoutes = (handler: InferenceHandler): Route[] =>
  Object.values(PREDICT_ROUTES).map((route) => ({ ...route, handler, functionName: 'snowline-inference' }));
