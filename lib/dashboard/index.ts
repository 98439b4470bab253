export { answerHealth } from './answerHealth';
export { answerReport } from './answerReport';
export {
  API_HEADERS,
  DASHBOARD_API_ROUTES,
  DEFAULT_GRANULARITY,
  DEFAULT_RANGE_MS,
  MAX_LIMIT,
  MAX_WINDOWS,
  REPORT_QUERY_PARAMETERS,
  type ReportQueryParameter,
} from './constants';
export { DashboardApiError, InvalidParameterError, UnknownReportError } from './errors';
export { parseReportRequest, type QueryStringParameters } from './parseReportRequest';
export { PARAMETER_EXPECTATIONS, reportQuerySchema, type ReportQueryInput } from './reportQuerySchema';
export { reportHealth } from './reportHealth';
export type { ApiAnswer, HealthResponse, ReportHealth, ReportRequest, ReportResponse } from './types';
export { DASHBOARD_CSP, DASHBOARD_SECURITY_HEADERS } from './securityHeaders';
