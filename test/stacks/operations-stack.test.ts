/** Template tests of the operations stack: the dashboard's graphs, the throttles and bad-row-rate alarms, cdk-nag. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability';
import { InvalidPropError } from '../../stacks/errors';
import { OperationsStack, type OperationsStackProps } from '../../stacks/operations-stack';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack of stand-in functions, queues and an alarm, and an operations stack reading them. */
function build(props: Partial<OperationsStackProps> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-operations-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const parts = new Stack(app, 'Parts', { env: ENV });
  const fn = (id: string) => new lambda.Function(parts, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
  const queue = (id: string) => new sqs.Queue(parts, id);
  const existing = new cloudwatch.Alarm(parts, 'ExistingAlarm', { metric: fn('Other').metricErrors(), threshold: 1, evaluationPeriods: 1 });
  const stack = new OperationsStack(app, 'Snowline-test-Operations', {
    env: ENV,
    consumers: [
      { name: 'reports', function: fn('Reports'), onFailureQueue: queue('ReportFailures'), service: OBSERVED_SERVICES.reports },
      { name: 'features', function: fn('Features'), onFailureQueue: queue('FeatureFailures'), service: OBSERVED_SERVICES.features },
    ],
    functions: [{ name: 'inference', function: fn('Inference') }],
    existingAlarms: [existing],
    endpoint: { endpointName: 'snowline-test-propensity', variantNames: ['champion', 'challenger'] },
    alarmThresholds: { badRowRatePercent: 2, throttles: 3, period: Duration.minutes(10) },
    ...props,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The dashboard body as one string (CloudFormation joins it from parts). */
function dashboardBody(template: Template): string {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  return JSON.stringify(dashboard!.Properties.DashboardBody);
}

describe('OperationsStack', () => {
  const { app, stack, template } = build();

  it('has one dashboard named after the stack with a graph for every question of issue 8', () => {
    // GIVEN the stack WHEN its dashboard is read THEN every graph is there, and the alarms' states
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Snowline-test-Operations' });
    const body = dashboardBody(template);
    for (const title of ['Iterator age', 'Errors', 'Throttles', 'Bad-row rate', 'On-failure destination depth', 'Feature writes', 'Inference latency', 'degraded predictions', 'Alarms']) {
      expect(body).toContain(title);
    }
    for (const metric of ['IteratorAge', BATCH_METRICS.lag, BATCH_METRICS.badRows, BATCH_METRICS.eventsIn, BATCH_METRICS.writes, 'ApproximateNumberOfMessagesVisible', 'PredictLatency', 'DegradedPredictions']) {
      expect(body).toContain(`\\"${metric}\\"`);
    }
    expect(body).toContain(METRICS_NAMESPACE);
    expect(body).toContain(OBSERVED_SERVICES.inference);
    // The endpoint's own model latency, per variant, in ms (SageMaker reports µs).
    for (const variant of ['champion', 'challenger']) expect(body).toContain(`\\"VariantName\\",\\"${variant}\\"`);
    expect(body).toContain('m1 / 1000');
  });

  it('alarms when the bad-row rate reaches the threshold: bad rows of every consumer per 100 lines the report consumer read', () => {
    // GIVEN badRowRatePercent 2 WHEN the alarm is read THEN it is a math expression over the handlers' EMF metrics
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^2% or more of the enriched lines were bad rows'),
      Threshold: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      // (in the template's order: the expression, b0, b1, e)
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(e > 0, 100 * (b0 + b1) / e, 0)' }),
        Match.objectLike({ Id: 'b1', MetricStat: Match.objectLike({ Metric: { Namespace: 'Snowline', MetricName: 'BadRows', Dimensions: [{ Name: 'service', Value: 'snowline-features' }] } }) }),
        Match.objectLike({ Id: 'e', MetricStat: Match.objectLike({ Metric: { Namespace: 'Snowline', MetricName: 'EventsIn', Dimensions: [{ Name: 'service', Value: 'snowline-reports' }] }, Period: 600, Stat: 'Sum' }) }),
      ]),
    });
  });

  it('alarms on the throttles of every function together, and both alarms notify the encrypted topic on ALARM and OK', () => {
    // GIVEN throttles 3 and three functions WHEN the alarm is read THEN it sums the three
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 3,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 't0 + t1 + t2' })]),
    });
    const topic = stack.getLogicalId(stack.alarmTopic.topic.node.defaultChild as never);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it("shows the capability stacks' alarms without creating them again", () => {
    // GIVEN an existing alarm of another stack WHEN the dashboard is read THEN it names it by ARN (an import)
    expect(dashboardBody(template)).toContain('Fn::ImportValue');
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(2);
  });

  it("passes cdk-nag's AwsSolutions checks", () => {
    // GIVEN the app WHEN the AwsSolutions pack validates the operations stack THEN nothing is found
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    expect(app).toBeDefined();
  });

  it('rejects a bad-row rate out of range and an empty consumer list, naming the prop', () => {
    // GIVEN bad props WHEN the stack is built THEN the error names the prop and the value
    expect(() => build({ alarmThresholds: { badRowRatePercent: 0 } })).toThrow(InvalidPropError);
    expect(() => build({ alarmThresholds: { badRowRatePercent: 0 } })).toThrow(/alarmThresholds\.badRowRatePercent/);
    expect(() => build({ alarmThresholds: { throttles: 0 } })).toThrow(/alarmThresholds\.throttles/);
    expect(() => build({ consumers: [] })).toThrow(/consumers/);
  });
});
