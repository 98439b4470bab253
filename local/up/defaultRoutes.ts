import type { Route } from '../http/types';

/**
 * The routes of the local HTTP API, the same handlers API Gateway integrates with on AWS.
 * `GET /api/health` is built in; the reporting and inference APIs add theirs here.
 */
export const DEFAULT_ROUTES: readonly Route[] = [];
