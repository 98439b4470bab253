import { DASHBOARD_SECURITY_HEADERS, reportHealth } from '../../lib/dashboard';
import { startHttpApi, type HttpApiService } from '../../local/http';
import { DASHBOARD_STATIC_DIR, dashboardApiRoutes } from '../../local/up/defaultRoutes';
import { InMemoryReportReader } from '../dashboard/InMemoryReportReader';

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
  const api = await startHttpApi({
    port: 0,
    routes: dashboardApiRoutes({ reader }),
    staticDir: DASHBOARD_STATIC_DIR,
    staticHeaders: DASHBOARD_SECURITY_HEADERS,
    health: async () => ({ ready: true, services: [], reports: reportHealth(await reader.freshness(), Date.now()) }),
  });
  return { url: api.endpoint, reader, api };
};
