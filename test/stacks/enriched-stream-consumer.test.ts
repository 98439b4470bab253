import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import type { CfnStream } from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings } from '../../stacks/config';
import { EnrichedStreamConsumer } from '../../stacks/constructs/enriched-stream-consumer';
import { OnFailureQueue } from '../../stacks/constructs/on-failure-queue';
import { InvalidPropError } from '../../stacks/errors';
import { StreamStack } from '../../stacks/stream-stack';

/** A consumer stack wired as the reporting stack will be: the streams come from the stream stack. */
function consumerStack(settings?: EventSourceSettings) {
  const app = new App();
  const streams = new StreamStack(app, 'Streams');
  const stack = new Stack(app, 'Consumer');
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
  });
  const failures = new OnFailureQueue(stack, 'Failures');
  const build = () =>
    new EnrichedStreamConsumer(stack, 'Consumer', {
      handler,
      stream: streams.enrichedStream,
      onFailure: failures,
      ...(settings ? { settings } : {}),
    });
  return { app, streams, stack, failures, build };
}

function ref(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnStream | CfnQueue | CfnKey);
}

describe('EnrichedStreamConsumer', () => {
  it('maps every field of the default settings object onto the event source mapping', () => {
    // GIVEN a function, the enriched stream and an on-failure queue
    const { stack, failures, build } = consumerStack();

    // WHEN the consumer is added with the default settings
    build();

    // THEN the mapping has exactly the settings' values and the queue as on-failure destination
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('EnrichedStream') },
      BatchSize: DEFAULT_EVENT_SOURCE.batchSize,
      MaximumBatchingWindowInSeconds: DEFAULT_EVENT_SOURCE.maximumBatchingWindowInSeconds,
      BisectBatchOnFunctionError: DEFAULT_EVENT_SOURCE.bisectBatchOnFunctionError,
      MaximumRetryAttempts: DEFAULT_EVENT_SOURCE.maximumRetryAttempts,
      MaximumRecordAgeInSeconds: DEFAULT_EVENT_SOURCE.maximumRecordAgeInSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: DEFAULT_EVENT_SOURCE.startingPosition,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ref(stack, failures.queue), 'Arn'] } } },
    });
  });

  it('maps a non-default settings object, including the -1 values', () => {
    // GIVEN settings that differ from the defaults in every field
    const settings: EventSourceSettings = {
      batchSize: 10_000,
      maximumBatchingWindowInSeconds: 0,
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: -1,
      maximumRecordAgeInSeconds: -1,
      reportBatchItemFailures: false,
      startingPosition: 'LATEST',
    };
    const { stack, build } = consumerStack(settings);

    // WHEN the consumer is added with them
    build();

    // THEN the mapping follows them; a -1 record age is Lambda's default (infinite), so it is unset
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10_000,
      MaximumBatchingWindowInSeconds: 0,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: Match.absent(),
      FunctionResponseTypes: Match.absent(),
      StartingPosition: 'LATEST',
    });
  });

  it('grants the function read on the stream, decrypt on its key and send on the failure queue', () => {
    // GIVEN a function, the enriched stream and an on-failure queue
    const { stack, failures, build } = consumerStack();

    // WHEN the consumer is added
    build();

    // THEN the function's policy reads the stream, decrypts with the stream key and sends to the queue
    const template = Template.fromStack(stack);
    const statement = (expected: Record<string, unknown>) =>
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(expected)]) },
      });
    statement({
      Action: Match.arrayWith(['kinesis:GetRecords', 'kinesis:GetShardIterator']),
      Resource: { 'Fn::ImportValue': Match.stringLikeRegexp('EnrichedStream') },
    });
    statement({ Action: 'kms:Decrypt', Resource: { 'Fn::ImportValue': Match.stringLikeRegexp('StreamKey') } });
    statement({
      Action: Match.arrayWith(['sqs:SendMessage']),
      Resource: { 'Fn::GetAtt': [ref(stack, failures.queue), 'Arn'] },
    });
    statement({
      Action: Match.arrayWith(['kms:GenerateDataKey*']),
      Resource: { 'Fn::GetAtt': [ref(stack, failures.encryptionKey), 'Arn'] },
    });
  });

  it.each([
    ['settings.batchSize', { batchSize: 0 }, 'expected an integer from 1 to 10000, got 0'],
    ['settings.maximumBatchingWindowInSeconds', { maximumBatchingWindowInSeconds: 301 }, 'got 301'],
    ['settings.maximumRetryAttempts', { maximumRetryAttempts: -2 }, 'expected -1 or an integer from 0 to 10000, got -2'],
    ['settings.maximumRecordAgeInSeconds', { maximumRecordAgeInSeconds: 30 }, 'got 30'],
    ['settings.startingPosition', { startingPosition: 'AT_TIMESTAMP' }, 'got "AT_TIMESTAMP"'],
    ['settings.bisectBatchOnFunctionError', { bisectBatchOnFunctionError: 'yes' }, 'expected true or false, got "yes"'],
  ] as const)('rejects a bad %s, naming it and the value', (prop, override, message) => {
    // GIVEN settings with one bad field
    const { build } = consumerStack({ ...DEFAULT_EVENT_SOURCE, ...override } as unknown as EventSourceSettings);

    // WHEN the consumer is added
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }

    // THEN it throws at once, naming the construct, the prop and the value
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).message).toContain(`Consumer/Consumer: invalid ${prop}: `);
    expect((error as InvalidPropError).message).toContain(message);
  });
});
