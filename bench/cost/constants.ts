/**
 * The prices, measured figures and default assumptions of the cost estimate. Every figure names
 * where it comes from; change a price here when AWS changes it, and the README table with it.
 */
import type { CostAssumptions, MeasuredFigures, Price } from './types';

/** The day the prices were read (the pages' own dates are in the README). */
export const PRICES_READ_ON = '2026-11-22';

/** The region every price is for. The environments deploy to eu-west-1, where most of these are a little higher. */
export const PRICE_REGION = 'us-east-1';

const stored = (usd: number, unit: string, source: string): Price => ({ usd, unit, region: PRICE_REGION, source, provenance: 'stored page' });
const notHeld = (usd: number, unit: string, source: string): Price => ({ usd, unit, region: PRICE_REGION, source, provenance: 'not in the stored pages' });

/** Hours in a month, as AWS's pricing examples count them. */
export const HOURS_PER_MONTH = 730;

/** Memory at which a Lambda function gets one full vCPU (AWS Lambda docs: 1,769 MB). */
export const LAMBDA_MB_PER_VCPU = 1769;

/** The public on-demand prices the estimate uses, us-east-1. */
export const PRICES = {
  kinesisStreamHour: notHeld(0.04, 'on-demand stream-hour', 'https://aws.amazon.com/kinesis/data-streams/pricing/'),
  kinesisIngestGb: notHeld(0.08, 'GB written (records rounded up to 1 KB)', 'https://aws.amazon.com/kinesis/data-streams/pricing/'),
  kinesisRetrievalGb: notHeld(0.04, 'GB read (records rounded up to 1 KB)', 'https://aws.amazon.com/kinesis/data-streams/pricing/'),
  kinesisShardHour: stored(0.015, 'provisioned shard-hour', 'https://c3x.dev/resources/aws/aws_kinesis_stream'),
  lambdaArmGbSecond: stored(0.0000133334, 'GB-second (arm64, first 7.5 billion a month)', 'https://cloudchipr.com/blog/aws-lambda-pricing'),
  lambdaRequestMillion: stored(0.2, 'million requests', 'https://cloudchipr.com/blog/aws-lambda-pricing'),
  dynamoWriteMillion: stored(0.625, 'million write request units (1 KB each, per item)', 'https://airbyte.com/data-engineering-resources/dynamodb-pricing'),
  dynamoReadMillion: stored(0.125, 'million read request units (4 KB strongly consistent, per item)', 'https://airbyte.com/data-engineering-resources/dynamodb-pricing'),
  featureStoreWriteMillion: notHeld(1.25, 'million write units (1 KB each)', 'https://aws.amazon.com/sagemaker/pricing/'),
  firehoseIngestGb: notHeld(0.029, 'GB ingested from a Kinesis stream (records rounded up to 5 KB)', 'https://aws.amazon.com/firehose/pricing/'),
  firehoseConversionGb: notHeld(0.018, 'GB converted to Parquet (records rounded up to 5 KB)', 'https://aws.amazon.com/firehose/pricing/'),
  firehosePartitioningGb: notHeld(0.02, 'GB delivered with dynamic partitioning', 'https://aws.amazon.com/firehose/pricing/'),
  firehosePartitioningThousandObjects: notHeld(0.005, 'thousand objects delivered with dynamic partitioning', 'https://aws.amazon.com/firehose/pricing/'),
  s3PutThousand: notHeld(0.005, 'thousand PUT requests (S3 Standard)', 'https://aws.amazon.com/s3/pricing/'),
  s3GbMonth: notHeld(0.023, 'GB-month (S3 Standard, first 50 TB)', 'https://aws.amazon.com/s3/pricing/'),
  logsIngestGb: stored(0.5, 'GB of logs ingested', 'https://cloudonaut.io/aws-cloudwatch-dashboard-cost-efficiency-logs-vs-custom-metrics'),
  customMetricMonth: stored(0.3, 'custom metric-month (first 10,000)', 'https://cloudonaut.io/aws-cloudwatch-dashboard-cost-efficiency-logs-vs-custom-metrics'),
  dashboardMonth: stored(3, 'dashboard-month', 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/'),
  alarmMonth: notHeld(0.1, 'standard-resolution alarm-month', 'https://aws.amazon.com/cloudwatch/pricing/'),
  sagemakerMl5LargeHour: notHeld(0.115, 'ml.m5.large real-time inference instance-hour', 'https://aws.amazon.com/sagemaker/pricing/'),
  glueDpuHour: stored(0.44, 'DPU-hour (Spark job, billed per second, 1-minute minimum)', 'https://awsnegotiations.com/glue-job-cost-optimization.html'),
  kmsKeyMonth: notHeld(1, 'customer-managed key-month', 'https://aws.amazon.com/kms/pricing/'),
  secretMonth: notHeld(0.4, 'secret-month', 'https://aws.amazon.com/secrets-manager/pricing/'),
  interfaceEndpointAzHour: notHeld(0.01, 'interface VPC endpoint-hour per AZ', 'https://aws.amazon.com/privatelink/pricing/'),
} as const satisfies Record<string, Price>;

/** The figures measured by the benchmarks, as the README's Benchmarks section quotes them. */
export const MEASURED: MeasuredFigures = {
  // `parse`: 100,000 generated events, mean 3,340 bytes; `archive`: 3,331 bytes an event.
  eventBytes: 3331,
  // `reports`: 3,127 write requests and 61 GetItem reads for 20,000 events.
  reportWritesPer1000: 156.4,
  reportReadsPer1000: 3.05,
  reportCpuMicros: 161,
  // `features`, now: 1,037.7 PutRecord calls, 75.7 conditional PutItem (one per product) per 1,000 events.
  putRecordsPer1000: 1037.7,
  productPutItemsPer1000: 75.7,
  featureCpuMicros: 1262,
  // `archive`: 101 µs per event; Parquet (zstd) 20.0 × smaller than the TSV lines.
  archiveCpuMicros: 101,
  parquetRatio: 20,
};

/** The default assumptions (see {@link CostAssumptions}); the stack counts are from `cdk synth -c env=dev`. */
export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  eventsPerRecord: 1,
  streamConsumers: 3,
  functionMemoryMb: 1024,
  recordsPerInvocation: 500,
  wruPerReportWrite: 1,
  userStateItemKb: 1,
  productStateItemKb: 1,
  featureStoreUnitsPerPut: 1,
  logBytesPerInvocation: 2048,
  offlineRecordBytes: 200,
  mergeRunMinutes: 1,
  customMetrics: 30,
  // Counted in `npx cdk synth -c env=dev` on 2026-11-22: 11 AWS::KMS::Key, 13 AWS::CloudWatch::Alarm,
  // 1 AWS::CloudWatch::Dashboard, 2 AWS::SecretsManager::Secret (the shop login, the pseudonymisation key).
  kmsKeys: 11,
  alarms: 13,
  dashboards: 1,
  secrets: 2,
};

/** Firehose's buffer before it writes an object (`stacks/constructs/events-archive.ts`: 64 MiB or 60 s). */
export const FIREHOSE_BUFFER_BYTES = 64 * 1024 ** 2;

/** Records one archive-transform invocation gets (Firehose's processor buffer: 1 MB). */
export const FIREHOSE_PROCESSOR_BUFFER_BYTES = 1024 ** 2;

/** Merge runs a month: every 15 minutes (`cron(0/15 * * * ? *)`), 2 G.1X workers = 2 DPU. */
export const MERGE = { runsPerMonth: 4 * HOURS_PER_MONTH, dpu: 2 } as const;

/** The propensity endpoint's floor: two variants of one ml.m5.large each (`PropensityEndpoint` defaults). */
export const ENDPOINT_INSTANCES = 2;

/** AZs of the lake stack's Secrets Manager interface endpoint (its replication VPC has two). */
export const INTERFACE_ENDPOINT_AZS = 2;

/** On-demand streams the stream stack creates (enriched and bad rows). */
export const STREAMS = 2;
