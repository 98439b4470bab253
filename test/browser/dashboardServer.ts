import { fileURLToPath } from 'node:url';
import { createDashboardApiHandler } from '../../handlers/dashboard-api';
import { DASHBOARD_API_ROUTES, reportHealth } from '../../lib/dashboard';
import { startHttpApi, type HttpApiService } from '../../local/http';
import { InMemoryReportReader } from '../dashboard/InMemoryReportReader';

/** The dashboard's static files, as `snowline up` serves them. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));

/** A local HTTP API serving the dashboard over a report store the test changes. */
export interface DashboardServer {
  readonly url: string;
  readonly reader: InMemoryReportReader;
  readonly api: HttpApiService;
}

/**
 * Starts the local HTTP API as `snowline up` should: the dashboard API's routes, the dashboard
 * as static files, and the built-in health carrying the reports' freshness.
 */
export const startDashboardServer = async (): Promise<DashboardServer> => {
  const reader = new InMemoryReportReader();
  const handler = createDashboardApiHandler({ reader });
  const api = await startHttpApi({
    port: 0,
    routes: [{ ...DASHBOARD_API_ROUTES.report, handler, functionName: 'snowline-dashboard-api' }],
    staticDir: DASHBOARD_DIR,
    health: async () => ({ ready: true, services: [], reports: reportHealth(await reader.freshness(), Date.now()) }),
  });
  return { url: api.endpoint, reader, api };
};
