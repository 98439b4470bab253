/**
 * The stack props an environment of `environments.ts` gives each stack: the one place where the
 * environment's plain numbers become CDK values (durations, stream definitions, mapping settings).
 */
import { Duration } from 'aws-cdk-lib';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM, type EventSourceSettings } from './config';
import type { ConsumerAlarmThresholds } from './constructs/consumer-alarms';
import type { EnvironmentAlarms, ResolvedEnvironment } from './environments';
import type { FeatureAlarmThresholds } from './features-stack';
import type { OperationsAlarmThresholds } from './operations-stack';
import type { ReportingStackProps } from './reporting-stack';
import type { StreamStackProps } from './stream-stack';

/** Where an environment's stacks deploy, as `StackProps.env`. */
export function stackEnv(environment: ResolvedEnvironment): { readonly account: string; readonly region: string } {
  return { account: environment.account, region: environment.region };
}

/** The stream stack's streams: the shared definitions with the environment's capacity and retention. */
export function streamStackProps(environment: ResolvedEnvironment): Required<Pick<StreamStackProps, 'enrichedStream' | 'badRowsStream'>> {
  return {
    enrichedStream: { ...ENRICHED_STREAM, ...environment.enrichedStream },
    badRowsStream: { ...BAD_ROWS_STREAM, ...environment.badRowsStream },
  };
}

/** Every consumer's event source mapping: {@link DEFAULT_EVENT_SOURCE} with the environment's values. */
export function eventSourceSettings(environment: ResolvedEnvironment): EventSourceSettings {
  return { ...DEFAULT_EVENT_SOURCE, ...environment.eventSource };
}

/** A stream consumer's alarm thresholds (iterator age, errors, period) in the environment. */
export function consumerAlarmThresholds(alarms: EnvironmentAlarms): Required<ConsumerAlarmThresholds> {
  return {
    maxIteratorAge: Duration.seconds(alarms.maxIteratorAgeSeconds),
    errors: alarms.errors,
    period: Duration.minutes(alarms.periodMinutes),
  };
}

/** The reporting stack's environment-dependent props. */
export function reportingStackProps(
  environment: ResolvedEnvironment,
): Required<Pick<ReportingStackProps, 'settings' | 'minuteRowTtlDays' | 'alarmThresholds'>> {
  return {
    settings: eventSourceSettings(environment),
    minuteRowTtlDays: environment.minuteRowTtlDays,
    alarmThresholds: consumerAlarmThresholds(environment.alarms),
  };
}

/**
 * The inference stack's alarm thresholds in the environment, shaped as its
 * `InferenceAlarmThresholds` (`p99LatencyMs`, `errors`, `degradedPercent`, `period`).
 */
export function inferenceStackProps(environment: ResolvedEnvironment): {
  readonly alarmThresholds: { readonly p99LatencyMs: number; readonly errors: number; readonly degradedPercent: number; readonly period: Duration };
} {
  const { alarms } = environment;
  return {
    alarmThresholds: {
      p99LatencyMs: alarms.endpointLatencyP99Millis,
      errors: alarms.errors,
      degradedPercent: alarms.degradedPredictionPercent,
      period: Duration.minutes(alarms.periodMinutes),
    },
  };
}

/** The features stack's environment-dependent props. */
export function featuresStackProps(environment: ResolvedEnvironment): {
  readonly settings: EventSourceSettings;
  readonly alarmThresholds: FeatureAlarmThresholds;
} {
  return {
    settings: eventSourceSettings(environment),
    alarmThresholds: { ...consumerAlarmThresholds(environment.alarms), failedPutRecords: environment.alarms.failedPutRecords },
  };
}

/**
 * The operations stack's alarm thresholds in the environment: the bad-row rate
 * (`alarms.badRowRatePercent`), throttles at the `errors` threshold, and the period.
 */
export function operationsStackProps(environment: ResolvedEnvironment): { readonly alarmThresholds: Required<OperationsAlarmThresholds> } {
  const { alarms } = environment;
  return {
    alarmThresholds: { throttles: alarms.errors, badRowRatePercent: alarms.badRowRatePercent, period: Duration.minutes(alarms.periodMinutes) },
  };
}
