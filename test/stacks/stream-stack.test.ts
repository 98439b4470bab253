import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { BAD_ROWS_STREAM, ENRICHED_STREAM } from '../../stacks/config';
import { InvalidPropError } from '../../stacks/errors';
import { StreamStack, type StreamStackProps } from '../../stacks/stream-stack';

function streamStack(props: StreamStackProps = {}): StreamStack {
  return new StreamStack(new App(), 'Streams', props);
}

function keyLogicalId(stack: StreamStack): string {
  return stack.getLogicalId(stack.encryptionKey.node.defaultChild as CfnKey);
}

describe('StreamStack', () => {
  it('encrypts both streams with one customer-managed key that rotates', () => {
    // GIVEN the stream stack with the shared configuration
    const stack = streamStack();

    // WHEN it is synthesised
    const template = Template.fromStack(stack);

    // THEN one KMS key with rotation encrypts both streams
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const encryption = {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: { 'Fn::GetAtt': [keyLogicalId(stack), 'Arn'] } },
    };
    template.resourceCountIs('AWS::Kinesis::Stream', 2);
    template.hasResourceProperties('AWS::Kinesis::Stream', { Name: ENRICHED_STREAM.streamName, ...encryption });
    template.hasResourceProperties('AWS::Kinesis::Stream', { Name: BAD_ROWS_STREAM.streamName, ...encryption });
  });

  it('builds an on-demand enriched stream from the shared configuration, with its retention', () => {
    // GIVEN the shared definition, which is on-demand
    expect(ENRICHED_STREAM.capacity).toBe('on-demand');

    // WHEN the stack is built from it
    const template = Template.fromStack(streamStack());

    // THEN the stream is ON_DEMAND, has no shard count and keeps records for the configured hours
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: ENRICHED_STREAM.streamName,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      ShardCount: Match.absent(),
      RetentionPeriodHours: ENRICHED_STREAM.retentionHours,
    });
  });

  it('builds a provisioned stream with the configured shard count and retention', () => {
    // GIVEN a provisioned definition of 4 shards kept for 3 days
    const enrichedStream = { ...ENRICHED_STREAM, capacity: 4, retentionHours: 72 };

    // WHEN the stack is built from it
    const template = Template.fromStack(streamStack({ enrichedStream }));

    // THEN the stream is PROVISIONED with 4 shards and 72 hours
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: ENRICHED_STREAM.streamName,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      ShardCount: 4,
      RetentionPeriodHours: 72,
    });
  });

  it('builds the bad-rows stream from its own definition', () => {
    // GIVEN the stream stack
    const stack = streamStack();

    // WHEN it is synthesised
    const template = Template.fromStack(stack);

    // THEN the bad-rows stream has its name, mode and week-long retention, and is exposed
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: BAD_ROWS_STREAM.streamName,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: BAD_ROWS_STREAM.retentionHours,
    });
    expect(stack.badRowsStream.encryptionKey).toBe(stack.encryptionKey);
    expect(stack.enrichedStream.encryptionKey).toBe(stack.encryptionKey);
  });

  it('lets later stacks grant on its streams across stacks', () => {
    // GIVEN a consumer role in another stack
    const app = new App();
    const streams = new StreamStack(app, 'Streams');
    const other = new Stack(app, 'Reporting');
    const role = new iam.Role(other, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    // WHEN it is granted write on the bad-rows stream
    streams.badRowsStream.grantWrite(role);

    // THEN its policy has PutRecords and the key's GenerateDataKey
    Template.fromStack(other).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['kinesis:PutRecords']) }),
          Match.objectLike({ Action: Match.arrayWith(['kms:GenerateDataKey*']) }),
        ]),
      },
    });
  });

  it('rejects a retention outside 24-8760 hours, naming the prop and the value', () => {
    // GIVEN a definition kept for 10 hours
    const enrichedStream = { ...ENRICHED_STREAM, retentionHours: 10 };

    // WHEN the stack is built THEN it throws at once with the prop and the value
    expect(() => streamStack({ enrichedStream })).toThrow(InvalidPropError);
    expect(() => streamStack({ enrichedStream })).toThrow(
      'Streams: invalid enrichedStream.retentionHours: expected an integer from 24 to 8760 (hours), got 10',
    );
  });

  it.each([
    ['enrichedStream.capacity', { enrichedStream: { ...ENRICHED_STREAM, capacity: 0 } }, 'got 0'],
    ['enrichedStream.capacity', { enrichedStream: { ...ENRICHED_STREAM, capacity: 2.5 } }, 'got 2.5'],
    ['badRowsStream.streamName', { badRowsStream: { ...BAD_ROWS_STREAM, streamName: 'bad rows' } }, 'got "bad rows"'],
    ['badRowsStream.streamName', { badRowsStream: { ...BAD_ROWS_STREAM, streamName: ENRICHED_STREAM.streamName } }, 'got "snowline-enriched"'],
    ['badRowsStream.retentionHours', { badRowsStream: { ...BAD_ROWS_STREAM, retentionHours: 9000 } }, 'got 9000'],
    ['enrichedStream.localShardCount', { enrichedStream: { ...ENRICHED_STREAM, localShardCount: 0 } }, 'got 0'],
  ] as const)('rejects a bad %s', (prop, props, got) => {
    // GIVEN a definition with one bad field WHEN the stack is built THEN the error names it
    const error = captureError(() => streamStack(props as StreamStackProps));
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).prop).toBe(prop);
    expect((error as Error).message).toContain(got);
  });

  it('lets an unresolved token through validation', () => {
    // GIVEN a retention known only at synthesis
    const enrichedStream = { ...ENRICHED_STREAM, retentionHours: Lazy.number({ produce: () => 48 }) };

    // WHEN the stack is built
    const template = Template.fromStack(streamStack({ enrichedStream }));

    // THEN the token resolves into the template
    template.hasResourceProperties('AWS::Kinesis::Stream', { Name: ENRICHED_STREAM.streamName, RetentionPeriodHours: 48 });
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    // GIVEN the stream stack
    const stack = streamStack();

    // WHEN the AWS Solutions pack checks it
    const report = new AwsSolutionsChecks().validateScope(stack);

    // THEN there is no error, and no warning either (a warning also fails `cdk synth`)
    expect(report.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(report.violations).toEqual([]);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
