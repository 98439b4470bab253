/**
 * The CDK side of {@link EventSourceSettings}: validation against Lambda's ranges, and the
 * `KinesisEventSourceProps` built from it, so AWS and the local runner read one object.
 */
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { KinesisEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IConstruct } from 'constructs';
import type { EventSourceSettings } from '../config';
import { checkBoolean, checkInteger, checkOneOf } from '../prop-checks';

/** The starting positions a Kinesis mapping built from settings may use. */
export const STARTING_POSITIONS = {
  TRIM_HORIZON: lambda.StartingPosition.TRIM_HORIZON,
  LATEST: lambda.StartingPosition.LATEST,
} as const satisfies Record<EventSourceSettings['startingPosition'], lambda.StartingPosition>;

/**
 * Throws {@link InvalidPropError} naming `${prop}.<field>` if a setting is outside Lambda's range.
 *
 * @param scope the construct the settings were passed to
 * @param prop the prop holding the settings, e.g. `settings`
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
export function checkEventSourceSettings(scope: IConstruct, prop: string, settings: EventSourceSettings): void {
  checkInteger(scope, `${prop}.batchSize`, settings.batchSize, { min: 1, max: 10_000 });
  checkInteger(scope, `${prop}.maximumBatchingWindowInSeconds`, settings.maximumBatchingWindowInSeconds, {
    min: 0,
    max: 300,
    unit: 'seconds',
  });
  checkBoolean(scope, `${prop}.bisectBatchOnFunctionError`, settings.bisectBatchOnFunctionError);
  checkInteger(scope, `${prop}.maximumRetryAttempts`, settings.maximumRetryAttempts, {
    min: 0,
    max: 10_000,
    also: [-1],
  });
  checkInteger(scope, `${prop}.maximumRecordAgeInSeconds`, settings.maximumRecordAgeInSeconds, {
    min: 60,
    max: 604_800,
    also: [-1],
    unit: 'seconds',
  });
  checkBoolean(scope, `${prop}.reportBatchItemFailures`, settings.reportBatchItemFailures);
  checkOneOf(scope, `${prop}.startingPosition`, settings.startingPosition, Object.keys(STARTING_POSITIONS));
}

/**
 * The `KinesisEventSource` props for `settings`, field by field. Call
 * {@link checkEventSourceSettings} first.
 *
 * `maximumRecordAgeInSeconds: -1` leaves `maxRecordAge` unset: Lambda's default is -1 (infinite)
 * and the CDK accepts no Duration for it.
 *
 * @example
 * ```ts
 * new KinesisEventSource(stream, kinesisEventSourceProps(DEFAULT_EVENT_SOURCE, new SqsDlq(queue)));
 * ```
 */
export function kinesisEventSourceProps(
  settings: EventSourceSettings,
  onFailure: lambda.IEventSourceDlq,
): KinesisEventSourceProps {
  return {
    batchSize: settings.batchSize,
    maxBatchingWindow: Duration.seconds(settings.maximumBatchingWindowInSeconds),
    bisectBatchOnError: settings.bisectBatchOnFunctionError,
    retryAttempts: settings.maximumRetryAttempts,
    ...(settings.maximumRecordAgeInSeconds === -1
      ? {}
      : { maxRecordAge: Duration.seconds(settings.maximumRecordAgeInSeconds) }),
    reportBatchItemFailures: settings.reportBatchItemFailures,
    startingPosition: STARTING_POSITIONS[settings.startingPosition],
    onFailure,
  };
}
