/**
 * A Lambda function consuming the enriched stream, wired the one way every Snowline consumer is.
 */
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings } from '../config';
import { checkEventSourceSettings, kinesisEventSourceProps } from './kinesis-event-source-props';

/** Props of {@link EnrichedStreamConsumer}. */
export interface EnrichedStreamConsumerProps {
  /** The function that handles batches of enriched events (a `NodejsFunction` in the stacks). */
  readonly handler: lambda.IFunction;
  /** The stream to read: the stream stack's `enrichedStream`. */
  readonly stream: kinesis.IStream;
  /**
   * The event source mapping settings, the same object the local runner reads. Ranges:
   * `batchSize` 1-10000, `maximumBatchingWindowInSeconds` 0-300, `maximumRetryAttempts` -1 or
   * 0-10000, `maximumRecordAgeInSeconds` -1 or 60-604800, `startingPosition` TRIM_HORIZON or LATEST.
   *
   * @default DEFAULT_EVENT_SOURCE (stacks/config.ts)
   */
  readonly settings?: EventSourceSettings;
  /**
   * Where Lambda sends notice of a batch it gives up on (retries or record age exhausted), so no
   * record is dropped silently. Usually an `OnFailureQueue`.
   */
  readonly onFailure: lambda.IEventSourceDlq;
}

/**
 * Adds a Kinesis event source mapping from the enriched stream to a function, built from an
 * {@link EventSourceSettings} object, with an on-failure destination.
 *
 * Binding grants the function read on the stream (and decrypt on its key) and send on the
 * on-failure destination, through the stream's and the destination's own grant methods.
 *
 * @example
 * ```ts
 * new EnrichedStreamConsumer(this, 'Reporting', {
 *   handler: reportingFn,
 *   stream: props.enrichedStream,
 *   onFailure: new OnFailureQueue(this, 'ReportingFailures'),
 * });
 * ```
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export class EnrichedStreamConsumer extends Construct {
  /** The event source added to the function. */
  readonly eventSource: KinesisEventSource;
  /** The settings the mapping was built from. */
  readonly settings: EventSourceSettings;

  constructor(scope: Construct, id: string, props: EnrichedStreamConsumerProps) {
    super(scope, id);
    const settings = props.settings ?? DEFAULT_EVENT_SOURCE;
    checkEventSourceSettings(this, 'settings', settings);
    this.settings = settings;
    this.eventSource = new KinesisEventSource(props.stream, kinesisEventSourceProps(settings, props.onFailure));
    props.handler.addEventSource(this.eventSource);
  }

  /** The id of the event source mapping, e.g. for an alarm on its iterator age. */
  get eventSourceMappingId(): string {
    return this.eventSource.eventSourceMappingId;
  }
}
