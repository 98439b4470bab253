export { apiKeyHeaders, carriesKey, dashboardUrl, isProtectedPath, keyCookie, presentedKeys, sameKey } from './apiKey';
export { ensureApiKey } from './apiKeyFile';
export { buildContext, functionNameFor, type LambdaContextOptions } from './buildContext';
export { buildEvent, formatRequestTime, type EventContext } from './buildEvent';
export { closeServer } from './closeServer';
export {
  API_KEY_COOKIE,
  API_KEY_FILE,
  API_KEY_HEADER,
  API_KEY_QUERY,
  DEFAULT_INTEGRATION_TIMEOUT_MS,
  GATEWAY_RESPONSES,
  HEALTH_PATH,
  HTTP_API_DEFAULTS,
  LOCAL_MAX_BODY_BYTES,
  MAX_PAYLOAD_BYTES,
} from './constants';
export { ApiKeyFileError, InvalidRouteError, ListenError, LocalHttpError, MalformedResultError, PayloadTooLargeError, PortInUseError } from './errors';
export { isTextContentType } from './isTextContentType';
export { listen, type ListeningAddress } from './listen';
export { readBody } from './readBody';
export { RouteTable, type RouteMatch } from './routeTable';
export { serveStatic, STATIC_CONTENT_TYPES } from './serveStatic';
export { startHttpApi, type HttpApiRuntimeOptions, type HttpApiService } from './startHttpApi';
export { toHttpResponse, type HttpResponse } from './toHttpResponse';
export type { HealthReport, HealthService, HttpApiHandler, HttpApiOptions, Route, RouteMethod } from './types';
