/**
 * The customer-managed key that encrypts the CloudWatch log groups of one stack.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';

/** The construct id of the key at the top of its stack. */
export const LOG_KEY_ID = 'LogEncryptionKey';

/** What CloudWatch Logs does with the key (no wildcards). */
export const LOGS_KEY_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
] as const;

/**
 * The log key of the stack `scope` is in, created on first use: one key per stack, rotating
 * yearly, whose policy lets CloudWatch Logs of the stack's region use it for this account's log
 * groups only (the `aws:logs:arn` encryption context). Every `SnowlineFunction` and every log group
 * the Snowline constructs create passes it as `encryptionKey`, so a stack added later gets it too.
 *
 * One key per stack rather than the stream stack's: the key policy needs the logs service
 * principal, and stacks do not edit each other's resources.
 *
 * @example
 * ```ts
 * new logs.LogGroup(this, 'Logs', { encryptionKey: logEncryptionKey(this) });
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logEncryptionKey(scope: IConstruct): kms.IKey {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(LOG_KEY_ID);
  if (existing) return existing as kms.Key;
  const key = new kms.Key(stack, LOG_KEY_ID, {
    description: `Snowline: encrypts the CloudWatch log groups of ${stack.stackName}`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [...LOGS_KEY_ACTIONS],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}
