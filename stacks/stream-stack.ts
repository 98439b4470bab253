/**
 * The stream stack: the enriched event stream that Snowplow Enrich writes to, the bad-rows stream,
 * and the customer-managed KMS key that encrypts both.
 */
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { BAD_ROWS_STREAM, ENRICHED_STREAM, type StreamDefinition } from './config';
import { invalid } from './prop-checks';
import { checkStreamDefinition } from './stream-definition-checks';

/** Props of {@link StreamStack}. */
export interface StreamStackProps extends StackProps {
  /**
   * The enriched event stream. `capacity` is `'on-demand'` or a shard count >= 1; `retentionHours`
   * ranges 24-8760; `streamName` is 1-128 of `[a-zA-Z0-9_.-]`.
   *
   * @default ENRICHED_STREAM (stacks/config.ts)
   */
  readonly enrichedStream?: StreamDefinition;
  /**
   * The bad-rows stream, where consumers write records they cannot parse or validate, in
   * Snowplow's bad-row JSON. Same ranges as `enrichedStream`; its name must differ.
   *
   * @default BAD_ROWS_STREAM (stacks/config.ts)
   */
  readonly badRowsStream?: StreamDefinition;
}

/**
 * The enriched Kinesis stream and the bad-rows Kinesis stream, both encrypted with one
 * customer-managed KMS key that rotates yearly.
 *
 * Later stacks take what they need from its readonly members as explicit props: the reporting
 * stack reads `enrichedStream` (through `EnrichedStreamConsumer`) and writes `badRowsStream`
 * (`badRowsStream.grantWrite(fn)`, which also grants the key).
 *
 * @example
 * ```ts
 * const streams = new StreamStack(app, 'Snowline-dev-Stream', { env });
 * new ReportingStack(app, 'Snowline-dev-Reporting', {
 *   enrichedStream: streams.enrichedStream,
 *   badRowsStream: streams.badRowsStream,
 * });
 * ```
 * @see https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html
 */
export class StreamStack extends Stack {
  /** The key that encrypts both streams; consumers get decrypt through `grantRead`. */
  readonly encryptionKey: kms.IKey;
  /** The stream of Snowplow enriched events (TSV), read by the reporting and features consumers. */
  readonly enrichedStream: kinesis.IStream;
  /** The stream of bad rows (Snowplow bad-row JSON), written by every consumer. */
  readonly badRowsStream: kinesis.IStream;
  /** The definition the enriched stream was built from. */
  readonly enrichedStreamDefinition: StreamDefinition;
  /** The definition the bad-rows stream was built from. */
  readonly badRowsStreamDefinition: StreamDefinition;

  constructor(scope: Construct, id: string, props: StreamStackProps = {}) {
    super(scope, id, {
      description: 'Snowline: the enriched event stream and the bad-rows stream, KMS-encrypted',
      ...props,
    });
    const enriched = props.enrichedStream ?? ENRICHED_STREAM;
    const badRows = props.badRowsStream ?? BAD_ROWS_STREAM;
    checkStreamDefinition(this, 'enrichedStream', enriched);
    checkStreamDefinition(this, 'badRowsStream', badRows);
    if (enriched.streamName === badRows.streamName) {
      throw invalid(this, 'badRowsStream.streamName', badRows.streamName, 'a name other than enrichedStream.streamName');
    }
    this.enrichedStreamDefinition = enriched;
    this.badRowsStreamDefinition = badRows;

    const key = new kms.Key(this, 'StreamKey', {
      description: `Snowline: encrypts the ${enriched.streamName} and ${badRows.streamName} Kinesis streams`,
      enableKeyRotation: true,
    });
    this.encryptionKey = key;
    this.enrichedStream = this.buildStream('EnrichedStream', enriched, key);
    this.badRowsStream = this.buildStream('BadRowsStream', badRows, key);

    new CfnOutput(this, 'EnrichedStreamArn', {
      description: 'Where Snowplow Enrich writes enriched events',
      value: this.enrichedStream.streamArn,
    });
    new CfnOutput(this, 'BadRowsStreamArn', {
      description: 'Where consumers write bad rows',
      value: this.badRowsStream.streamArn,
    });
    new CfnOutput(this, 'StreamKeyArn', {
      description: 'The key a producer such as Snowplow Enrich needs kms:GenerateDataKey on',
      value: key.keyArn,
    });
  }

  private buildStream(id: string, definition: StreamDefinition, key: kms.IKey): kinesis.Stream {
    const { capacity } = definition;
    const stream = new kinesis.Stream(this, id, {
      streamName: definition.streamName,
      retentionPeriod: Duration.hours(definition.retentionHours),
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: key,
      ...(capacity === 'on-demand'
        ? { streamMode: kinesis.StreamMode.ON_DEMAND }
        : { streamMode: kinesis.StreamMode.PROVISIONED, shardCount: capacity }),
    });
    Validations.of(stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason: 'A customer-managed key on purpose: rotation and key policy are ours, and grants can name each consumer.',
    });
    return stream;
  }
}
