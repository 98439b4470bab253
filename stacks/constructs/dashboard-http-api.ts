/**
 * The dashboard's HTTP API: API Gateway routes in front of the dashboard API Lambda, behind a JWT
 * authorizer on a Cognito user pool whose people sign in on the hosted UI.
 */
import { Duration, Fn } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DASHBOARD_API_ROUTES } from '../../lib/dashboard/constants';
import { checkInteger } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';
import { SnowlineUserPool } from './snowline-user-pool';

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
    authorizerError: '$context.authorizer.error',
    user: '$context.authorizer.claims.username',
  }),
);

/** Request rate limits of the API's stage. */
export interface DashboardApiThrottle {
  /** Steady requests per second. Range 1-10000. */
  readonly rateLimit: number;
  /** Requests allowed in a burst. Range 1-5000. */
  readonly burstLimit: number;
}

/** Who may call the dashboard API: people of a Cognito user pool, signed in on its hosted UI. */
export interface DashboardSignIn {
  /** The Cognito hosted domain prefix of the sign-in pages: 1-63 of `[a-z0-9-]`, unique in the region. */
  readonly domainPrefix: string;
  /**
   * The dashboard page's URL (`https://…`), where the hosted UI sends a signed-in person back
   * with the access token in the fragment. May be a token (the CloudFront domain).
   */
  readonly callbackUrl: string;
  /** How long an access token lives; the page asks for a new sign-in after. Range 5-1440 minutes. @default 60 */
  readonly tokenValidityMinutes?: number;
}

/** Props of {@link DashboardHttpApi}. */
export interface DashboardHttpApiProps {
  /** The function that answers every route of `DASHBOARD_API_ROUTES` (lib/dashboard). */
  readonly handler: lambda.IFunction;
  /** The user pool, hosted UI and app client every route's JWT authorizer accepts tokens of. */
  readonly signIn: DashboardSignIn;
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
 * paths carry no stage name), throttling, and JSON access logs. Every route is behind a JWT
 * authorizer on a {@link SnowlineUserPool}: a person created in the pool signs in on the hosted
 * UI ({@link DashboardHttpApi.signInUrl}, OAuth implicit grant, scope `openid`), comes back to the
 * dashboard with an access token in the URL fragment, and the page sends it as
 * `Authorization: Bearer …`; without a valid token API Gateway answers 401.
 *
 * The dashboard page calls it same-origin through CloudFront's `/api/*` behaviour
 * (`StaticDashboard`, caching disabled, so the `Authorization` header reaches the API), so it
 * sets no CORS headers.
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
  /** The people who may read the dashboard, and the hosted sign-in pages. */
  readonly users: SnowlineUserPool;
  /** The app client of the dashboard page (public: no secret; implicit grant). */
  readonly client: cognito.UserPoolClient;
  /** The JWT authorizer of every route. */
  readonly authorizer: HttpUserPoolAuthorizer;
  private readonly callbackUrl: string;

  constructor(scope: Construct, id: string, props: DashboardHttpApiProps) {
    super(scope, id);
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    checkInteger(this, 'throttle.rateLimit', throttle.rateLimit, { min: 1, max: 10_000, unit: 'requests per second' });
    checkInteger(this, 'throttle.burstLimit', throttle.burstLimit, { min: 1, max: 5_000, unit: 'requests' });
    const tokenMinutes = props.signIn.tokenValidityMinutes ?? 60;
    checkInteger(this, 'signIn.tokenValidityMinutes', tokenMinutes, { min: 5, max: 1440, unit: 'minutes' });
    this.callbackUrl = props.signIn.callbackUrl;

    this.users = new SnowlineUserPool(this, 'Users', { domainPrefix: props.signIn.domainPrefix });
    this.client = this.users.userPool.addClient('DashboardClient', {
      generateSecret: false,
      authFlows: {},
      accessTokenValidity: Duration.minutes(tokenMinutes),
      idTokenValidity: Duration.minutes(tokenMinutes),
      oAuth: { flows: { implicitCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: [this.callbackUrl], logoutUrls: [this.callbackUrl] },
      preventUserExistenceErrors: true,
    });
    this.authorizer = new HttpUserPoolAuthorizer('Authorizer', this.users.userPool, { userPoolClients: [this.client] });

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
      this.httpApi.addRoutes({ path: route.path, methods: [apigwv2.HttpMethod[route.method]], integration, authorizer: this.authorizer }),
    );
  }

  /**
   * The hosted UI page where a person signs in; it sends them back to the dashboard with
   * `#access_token=…` (implicit grant), which the page keeps for the session.
   */
  get signInUrl(): string {
    return Fn.join('', [this.users.baseUrl, '/login?response_type=token&scope=openid&client_id=', this.client.userPoolClientId, '&redirect_uri=', this.callbackUrl]);
  }

  /** The API's `https://…execute-api…` URL, with no trailing slash. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
