/**
 * The Cognito user pool behind a Snowline API's JWT authorizer: nobody signs themselves up, MFA
 * is required, passwords are long, threat protection is on.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { checkPattern } from '../prop-checks';

/** Props of {@link SnowlineUserPool}. */
export interface SnowlineUserPoolProps {
  /** The Cognito hosted domain prefix (token endpoint, hosted UI): 1-63 of `[a-z0-9-]`, unique in the region. */
  readonly domainPrefix: string;
}

/**
 * A user pool configured the one way Snowline's APIs use them: no self sign-up (an administrator
 * creates the users, or the apps are app clients), MFA required (TOTP), passwords of 14+
 * characters of every class, threat protection in full-function mode, no account recovery by
 * e-mail or SMS, and a hosted domain serving `/oauth2/token` and the sign-in pages.
 *
 * @example
 * ```ts
 * const pool = new SnowlineUserPool(this, 'Users', { domainPrefix: 'snowline-dev-reporting-123456789012' });
 * const client = pool.userPool.addClient('Browser', { oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: [url] } });
 * ```
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-integration.html
 */
export class SnowlineUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: SnowlineUserPoolProps) {
    super(scope, id);
    checkPattern(this, 'domainPrefix', props.domainPrefix, /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, '1-63 of a-z, 0-9 and "-", not starting or ending with "-"');
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: cognito.AccountRecovery.NONE,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** The hosted domain's `https://…auth…amazoncognito.com` URL. */
  get baseUrl(): string {
    return this.domain.baseUrl();
  }
}
