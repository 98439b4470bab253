import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { OnFailureQueue } from '../../stacks/constructs/on-failure-queue';
import { InvalidPropError } from '../../stacks/errors';

function testStack(): Stack {
  return new Stack(new App(), 'Test');
}

function keyId(stack: Stack, key: kms.IKey): string {
  return stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
}

describe('OnFailureQueue', () => {
  it('is KMS-encrypted with its own rotating key, TLS only, and keeps notices for 14 days', () => {
    // GIVEN a stack
    const stack = testStack();

    // WHEN an on-failure queue is added with no props
    const failures = new OnFailureQueue(stack, 'Failures');

    // THEN the queue uses a new rotating key, denies plain HTTP and retains for 14 days
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId(stack, failures.encryptionKey), 'Arn'] },
      MessageRetentionPeriod: 1_209_600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('uses a key it is given instead of making one', () => {
    // GIVEN a stack with a key
    const stack = testStack();
    const key = new kms.Key(stack, 'Shared', { enableKeyRotation: true });

    // WHEN an on-failure queue is given that key
    new OnFailureQueue(stack, 'Failures', { encryptionKey: key, retentionPeriod: Duration.days(4) });

    // THEN no other key exists and the queue uses the given one
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId(stack, key), 'Arn'] },
      MessageRetentionPeriod: 345_600,
    });
  });

  it('rejects a retention over 14 days, naming the prop and the value', () => {
    // GIVEN a stack WHEN a queue asks for 15 days THEN it throws with the prop and the seconds
    const build = () => new OnFailureQueue(testStack(), 'Failures', { retentionPeriod: Duration.days(15) });
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(
      'Test/Failures: invalid retentionPeriod: expected an integer from 60 to 1209600 (seconds), got 1296000',
    );
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    // GIVEN a stack with an on-failure queue
    const stack = testStack();
    new OnFailureQueue(stack, 'Failures');

    // WHEN the AWS Solutions pack checks it
    const report = new AwsSolutionsChecks().validateScope(stack);

    // THEN nothing is reported: SQS3 (not a DLQ) is acknowledged next to the queue
    expect(report.violations).toEqual([]);
  });
});
