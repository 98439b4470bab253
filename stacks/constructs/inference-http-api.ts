/**
 * The inference HTTP API: API Gateway routes in front of the inference Lambda, behind a JWT
 * authorizer backed by a Cognito user pool (OAuth client credentials for calling applications).
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PREDICT_ROUTES } from '../../lib/inference/constants';
import { checkInteger, checkPattern } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';
import { SnowlineUserPool } from './snowline-user-pool';

/** The OAuth scope a caller's token must carry: `<resource server>/<scope>`. */
export const PREDICT_SCOPE = { resourceServer: 'snowline', scope: 'predict' } as const;

/** One JSON object per request, with the caller's app client id. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId', ip: '$context.identity.sourceIp', requestTime: '$context.requestTime', routeKey: '$context.routeKey', status: '$context.status', responseLatency: '$context.responseLatency', integrationLatency: '$context.integrationLatency', authorizerError: '$context.authorizer.error', clientId: '$context.authorizer.claims.client_id',
}));

/** Props of {@link InferenceHttpApi}. */
export interface InferenceHttpApiProps {
  /** The function that answers `POST /predict` and `POST /predict/batch`. */
  readonly handler: lambda.IFunction;
  /** The Cognito hosted domain prefix that serves the token endpoint: 1-63 of `[a-z0-9-]`, unique in the region. */
  readonly domainPrefix: string;
  /** Steady requests per second of the stage. Range 1-10000. @default 2000 */
  readonly rateLimit?: number;
  /** Requests allowed in a burst. Range 1-5000. @default 4000 capped at 5000 */
  readonly burstLimit?: number;
  /** How long an access token lives. Range 5-1440 minutes. @default 60 */
  readonly tokenValidityMinutes?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * An HTTP API with the inference routes, each behind a JWT authorizer on a Cognito user pool: a
 * calling application gets a token from the pool's `/oauth2/token` with the client credentials
 * of `client` and scope `snowline/predict`, and sends it as `Authorization: Bearer …`. The
 * `$default` stage is throttled and writes JSON access logs.
 *
 * @example
 * ```ts
 * const api = new InferenceHttpApi(this, 'Api', { handler: fn.function, domainPrefix: 'snowline-dev-123456789012' });
 * ```
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export class InferenceHttpApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly userPool: cognito.UserPool;
  /** The app client of calling applications (client credentials, with a secret). */
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: InferenceHttpApiProps) {
    super(scope, id);
    checkPattern(this, 'domainPrefix', props.domainPrefix, /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, '1-63 of a-z, 0-9 and "-", not starting or ending with "-"');
    const rateLimit = props.rateLimit ?? 2000;
    const burstLimit = props.burstLimit ?? Math.min(5000, rateLimit * 2);
    checkInteger(this, 'rateLimit', rateLimit, { min: 1, max: 10_000, unit: 'requests per second' });
    checkInteger(this, 'burstLimit', burstLimit, { min: 1, max: 5_000, unit: 'requests' });
    const tokenMinutes = props.tokenValidityMinutes ?? 60;
    checkInteger(this, 'tokenValidityMinutes', tokenMinutes, { min: 5, max: 1440, unit: 'minutes' });

    // The pool every Snowline API uses (SnowlineUserPool), with its hosted domain.
    const users = new SnowlineUserPool(this, 'Users', { domainPrefix: props.domainPrefix });
    this.userPool = users.userPool;
    this.domain = users.domain;
    const scopeDef = new cognito.ResourceServerScope({ scopeName: PREDICT_SCOPE.scope, scopeDescription: 'Call the inference API' });
    const server = this.userPool.addResourceServer('ResourceServer', { identifier: PREDICT_SCOPE.resourceServer, scopes: [scopeDef] });
    this.client = this.userPool.addClient('Client', {
      generateSecret: true,
      authFlows: {},
      accessTokenValidity: Duration.minutes(tokenMinutes),
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, scopeDef)] },
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', { description: 'Snowline: feature-enriched predictions', createDefaultStage: false });
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { encryptionKey: logEncryptionKey(this), retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup), format: ACCESS_LOG_FORMAT },
    });
    const authorizer = new HttpUserPoolAuthorizer('Authorizer', this.userPool, { userPoolClients: [this.client] });
    const integration = new HttpLambdaIntegration('Handler', props.handler);
    for (const route of Object.values(PREDICT_ROUTES)) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
        authorizer,
        authorizationScopes: [`${PREDICT_SCOPE.resourceServer}/${PREDICT_SCOPE.scope}`],
      });
    }
  }

  /** The API's `https://…execute-api…` URL, with no trailing slash. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  /** The token endpoint calling applications use. */
  get tokenUrl(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }
}
