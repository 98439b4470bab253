import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ENVIRONMENTS,
  type EnvironmentName,
  environmentFromContext,
  parseEnvironment,
} from '../../stacks/environments';
import { inferenceStackProps } from '../../stacks/environment-props';
import { EnvironmentConfigError, UnknownEnvironmentError } from '../../stacks/errors';
import { buildSnowlineApp } from '../../stacks/snowline-app';

const outdirs: string[] = [];
/** An app as `cdk synth -c ...` builds it, bundling skipped (only templates are read). */
function app(context: Record<string, unknown> = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-env-'));
  outdirs.push(outdir);
  return new App({ outdir, context: { 'aws:cdk:bundling-stacks': [], ...context } });
}
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The error `build` throws; fails if it throws nothing. */
function thrown(build: () => unknown): EnvironmentConfigError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentConfigError);
    return error as EnvironmentConfigError;
  }
  throw new Error('expected an EnvironmentConfigError');
}

describe('the environments file', () => {
  it('declares dev, staging and prod, each valid, staging and prod in separate accounts', () => {
    // GIVEN the file WHEN every environment is validated THEN each parses to exactly what is written
    expect(Object.keys(ENVIRONMENTS)).toEqual(['dev', 'staging', 'prod']);
    for (const name of Object.keys(ENVIRONMENTS) as EnvironmentName[]) {
      expect(parseEnvironment(name, ENVIRONMENTS[name])).toEqual({ name, ...ENVIRONMENTS[name] });
    }
    expect(ENVIRONMENTS.staging.account).not.toBe(ENVIRONMENTS.prod.account);
  });

  it('names the environment, the field and what it expects for a bad value in the file', () => {
    // GIVEN prod with a retention below Kinesis's minimum WHEN it is validated THEN the error says so
    const bad = { ...ENVIRONMENTS.prod, enrichedStream: { capacity: 'on-demand', retentionHours: 10 } };
    const error = thrown(() => parseEnvironment('prod', bad));
    expect(error.message).toBe(
      'environment "prod": invalid enrichedStream.retentionHours: expected an integer from 24 to 8760 (hours), got 10',
    );
    expect({ environment: error.environment, field: error.field, value: error.value }).toEqual({
      environment: 'prod',
      field: 'enrichedStream.retentionHours',
      value: 10,
    });
  });

  it.each([
    ['account', { account: '1234' }, 'account', 'a 12-digit AWS account id'],
    ['region', { region: 'Europe' }, 'region', 'an AWS region such as "eu-west-1"'],
    ['shard count 0', { badRowsStream: { capacity: 0, retentionHours: 24 } }, 'badRowsStream.capacity', '"on-demand" or an integer from 1 to 10000 (shards)'],
    ['capacity as a string', { enrichedStream: { capacity: '2', retentionHours: 24 } }, 'enrichedStream.capacity', '"on-demand" or an integer from 1 to 10000 (shards)'],
    ['batch size', { eventSource: { ...ENVIRONMENTS.dev.eventSource, batchSize: 20_000 } }, 'eventSource.batchSize', 'an integer from 1 to 10000 (records)'],
    ['record age', { eventSource: { ...ENVIRONMENTS.dev.eventSource, maximumRecordAgeInSeconds: 30 } }, 'eventSource.maximumRecordAgeInSeconds', '-1 (infinite) or an integer from 60 to 604800 (seconds)'],
    ['iterator age', { alarms: { ...ENVIRONMENTS.dev.alarms, maxIteratorAgeSeconds: 0.5 } }, 'alarms.maxIteratorAgeSeconds', 'an integer from 1 to 31536000 (seconds)'],
    ['bad-row rate', { alarms: { ...ENVIRONMENTS.dev.alarms, badRowRatePercent: 0 } }, 'alarms.badRowRatePercent', 'a number above 0 and at most 100 (percent of events)'],
    ['missing alarms', { alarms: undefined }, 'alarms', 'an object'],
    ['a misspelt field', { minuteRowTTLDays: 7 }, 'minuteRowTTLDays', 'no such field (misspelt?)'],
  ])('rejects a bad %s', (_what, change, field, expected) => {
    // GIVEN dev with one bad field WHEN it is validated THEN the error names dev, the field and the expectation
    const error = thrown(() => parseEnvironment('dev', { ...ENVIRONMENTS.dev, ...change }));
    expect(error.environment).toBe('dev');
    expect(error.field).toBe(field);
    expect(error.expected).toBe(expected);
    expect(error.message).toContain(`environment "dev": invalid ${field}: expected ${expected}, got `);
  });
});

describe('choosing an environment with -c env=NAME', () => {
  it('defaults to dev and picks staging and prod', () => {
    // GIVEN apps with no env, env=staging and env=prod WHEN each is read THEN it is that environment, validated
    expect(environmentFromContext(app()).name).toBe('dev');
    expect(environmentFromContext(app({ env: 'staging' }))).toEqual({ name: 'staging', ...ENVIRONMENTS.staging });
    expect(environmentFromContext(app({ env: 'prod' }))).toEqual({ name: 'prod', ...ENVIRONMENTS.prod });
  });

  it('takes -c account and -c region over the file, and rejects a bad one naming the environment', () => {
    // GIVEN a context overriding the account WHEN read THEN the account is the context's
    expect(environmentFromContext(app({ env: 'staging', account: '444444444444' })).account).toBe('444444444444');
    // GIVEN a bad region in the context WHEN read THEN a clear error names staging and region
    const error = thrown(() => environmentFromContext(app({ env: 'staging', region: 'moon-1' })));
    expect(error.message).toBe('environment "staging": invalid region: expected an AWS region such as "eu-west-1", got "moon-1"');
  });

  it('rejects an unknown environment before building anything', () => {
    // GIVEN -c env=qa WHEN the app is built THEN the error lists the declared environments
    expect(() => buildSnowlineApp(app({ env: 'qa' }))).toThrow(UnknownEnvironmentError);
    expect(() => buildSnowlineApp(app({ env: 'qa' }))).toThrow('expected one of dev, staging, prod');
  });
});

describe('the stacks take the environment', () => {
  it('prod: on-demand streams with prod retention, prod mapping settings and thresholds', () => {
    // GIVEN the app synthesised with -c env=prod
    const { stream, reporting, features } = buildSnowlineApp(app({ env: 'prod' }));
    const streams = Template.fromStack(stream);

    // THEN the streams have prod's mode and retention
    streams.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: 'snowline-enriched',
      RetentionPeriodHours: ENVIRONMENTS.prod.enrichedStream.retentionHours,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    });
    streams.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: 'snowline-bad-rows',
      RetentionPeriodHours: ENVIRONMENTS.prod.badRowsStream.retentionHours,
    });
    // AND both consumers map with prod's retries and record age
    for (const stack of [reporting, features]) {
      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        MaximumRetryAttempts: ENVIRONMENTS.prod.eventSource.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: ENVIRONMENTS.prod.eventSource.maximumRecordAgeInSeconds,
      });
    }
    // AND the report function keeps minute rows for prod's days
    Template.fromStack(reporting).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MINUTE_ROW_TTL_DAYS: String(ENVIRONMENTS.prod.minuteRowTtlDays) }) },
    });
  });

  it('staging: provisioned shards and its alarm thresholds', () => {
    // GIVEN the app synthesised with -c env=staging
    const { stream, features } = buildSnowlineApp(app({ env: 'staging' }));

    // THEN the enriched stream is provisioned with staging's shards
    Template.fromStack(stream).hasResourceProperties('AWS::Kinesis::Stream', {
      Name: 'snowline-enriched',
      ShardCount: ENVIRONMENTS.staging.enrichedStream.capacity,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    // AND the iterator-age alarm uses staging's threshold, in milliseconds, over its period
    Template.fromStack(features).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Threshold: ENVIRONMENTS.staging.alarms.maxIteratorAgeSeconds * 1000,
      Period: ENVIRONMENTS.staging.alarms.periodMinutes * 60,
    });
  });

  it("prod: the inference alarms use prod's latency threshold", () => {
    // GIVEN the app synthesised with -c env=prod THEN the latency alarm's threshold is prod's
    const { inference } = buildSnowlineApp(app({ env: 'prod' }));
    Template.fromStack(inference).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: ENVIRONMENTS.prod.alarms.endpointLatencyP99Millis,
      Period: ENVIRONMENTS.prod.alarms.periodMinutes * 60,
    });
  });

  it('gives the inference stack its latency, error, degraded and period thresholds', () => {
    // GIVEN prod WHEN its inference props are built THEN they are prod's thresholds in the stack's units
    const { alarmThresholds } = inferenceStackProps(parseEnvironment('prod', ENVIRONMENTS.prod));
    expect(alarmThresholds).toEqual({
      p99LatencyMs: ENVIRONMENTS.prod.alarms.endpointLatencyP99Millis,
      errors: ENVIRONMENTS.prod.alarms.errors,
      degradedPercent: ENVIRONMENTS.prod.alarms.degradedPredictionPercent,
      period: Duration.minutes(ENVIRONMENTS.prod.alarms.periodMinutes),
    });
  });
});
