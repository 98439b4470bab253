/**
 * The on-failure destination of a Kinesis event source mapping: an encrypted SQS queue.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkInteger } from '../prop-checks';

/** Longest retention SQS allows: 14 days, in seconds. */
const MAX_RETENTION_SECONDS = 1_209_600;

/** Props of {@link OnFailureQueue}. */
export interface OnFailureQueueProps {
  /**
   * The key that encrypts the queue. Pass the stream stack's key to share one key per app.
   *
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * How long a failure notice stays in the queue, so an operator can find and replay the batch
   * while the records are still in the stream. Range 60 seconds-14 days.
   *
   * @default Duration.days(14)
   */
  readonly retentionPeriod?: Duration;
}

/**
 * An SQS queue (KMS-encrypted, TLS only) that receives what Lambda gives up on: for a Kinesis
 * mapping, a notice naming the shard and the sequence-number range of the batch, not the records.
 *
 * It is itself an `IEventSourceDlq`, so it is passed straight to `EnrichedStreamConsumer` (or to
 * any stream event source's `onFailure`); binding grants the function `sqs:SendMessage` and the
 * key.
 *
 * @example
 * ```ts
 * const failures = new OnFailureQueue(this, 'ReportingFailures', { encryptionKey: streams.encryptionKey });
 * new EnrichedStreamConsumer(this, 'Reporting', { handler, stream, onFailure: failures });
 * ```
 * @see https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */
export class OnFailureQueue extends Construct implements lambda.IEventSourceDlq {
  /** The queue. */
  readonly queue: sqs.Queue;
  /** The key that encrypts it. */
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: OnFailureQueueProps = {}) {
    super(scope, id);
    const retentionPeriod = props.retentionPeriod ?? Duration.days(14);
    if (!retentionPeriod.isUnresolved()) {
      checkInteger(this, 'retentionPeriod', retentionPeriod.toSeconds(), {
        min: 60,
        max: MAX_RETENTION_SECONDS,
        unit: 'seconds',
      });
    }

    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Snowline: encrypts the on-failure queue ${this.node.path}`,
        enableKeyRotation: true,
      });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination of a Lambda event source mapping; nag only recognises SQS redrive targets as DLQs.',
    });
  }

  /** Called by the event source mapping: points its on-failure destination here and grants the function. */
  bind(target: lambda.IEventSourceMapping, targetHandler: lambda.IFunction): lambda.DlqDestinationConfig {
    return new SqsDlq(this.queue).bind(target, targetHandler);
  }
}
