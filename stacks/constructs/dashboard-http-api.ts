/**
 * The dashboard's HTTP API: API Gateway routes in front of the dashboard API Lambda.
 */
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DASHBOARD_API_ROUTES } from '../../lib/dashboard/constants';
import { checkInteger } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';

/** What each access log line holds: one JSON object per request. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** Request rate limits of the API's stage. */
export interface DashboardApiThrottle {
  /** Steady requests per second. Range 1-10000. */
  readonly rateLimit: number;
  /** Requests allowed in a burst. Range 1-5000. */
  readonly burstLimit: number;
}

/** Props of {@link DashboardHttpApi}. */
export interface DashboardHttpApiProps {
  /** The function that answers every route of `DASHBOARD_API_ROUTES` (lib/dashboard). */
  readonly handler: lambda.IFunction;
  /**
   * Request rate limits of the `$default` stage, which keep a busy page from running up the
   * function's bill.
   *
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: DashboardApiThrottle;
  /**
   * How long the access log keeps its lines.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * An API Gateway HTTP API with the routes of `DASHBOARD_API_ROUTES` (lib/dashboard, the list the
 * handler reads too) integrated with one Lambda function, an auto-deployed `$default` stage (so
 * paths carry no stage name), throttling, and JSON access logs.
 *
 * The dashboard page calls it same-origin through CloudFront's `/api/*` behaviour
 * (`StaticDashboard`), so it sets no CORS headers.
 *
 * @example
 * ```ts
 * const api = new DashboardHttpApi(this, 'Api', { handler: dashboardApi.function });
 * new StaticDashboard(this, 'Site', { source: 'dashboard', api: api.httpApi });
 * ```
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export class DashboardHttpApi extends Construct {
  /** The HTTP API. */
  readonly httpApi: apigwv2.HttpApi;
  /** Its `$default` stage. */
  readonly stage: apigwv2.HttpStage;
  /** Its routes, in the order of `DASHBOARD_API_ROUTES`. */
  readonly routes: readonly apigwv2.HttpRoute[];
  /** Where its access log goes. */
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: DashboardHttpApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    checkInteger(this, 'throttle.rateLimit', throttle.rateLimit, { min: 1, max: 10_000, unit: 'requests per second' });
    checkInteger(this, 'throttle.burstLimit', throttle.burstLimit, { min: 1, max: 5_000, unit: 'requests' });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Snowline: the real-time reports behind the dashboard',
      createDefaultStage: false,
    });
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      encryptionKey: logEncryptionKey(this),
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });
    const integration = new HttpLambdaIntegration('Handler', props.handler);
    this.routes = Object.values(DASHBOARD_API_ROUTES).flatMap((route) =>
      this.httpApi.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration }),
    );
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Read-only aggregate reports for the demo dashboard; authorisation of the API arrives in a later issue.',
    });
  }

  /** The API's `https://…execute-api…` URL, with no trailing slash. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
