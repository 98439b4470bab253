/**
 * The cost of running Snowline on AWS: per million enriched events from the measured writes per
 * event and handler CPU, and per month for what runs whatever the traffic. Pure arithmetic.
 */
import {
  DEFAULT_ASSUMPTIONS,
  ENDPOINT_INSTANCES,
  FIREHOSE_BUFFER_BYTES,
  FIREHOSE_PROCESSOR_BUFFER_BYTES,
  HOURS_PER_MONTH,
  INTERFACE_ENDPOINT_AZS,
  LAMBDA_MB_PER_VCPU,
  MEASURED,
  MERGE,
  PRICES,
  STREAMS,
} from './constants';
import { CostInputError } from './errors';
import type { CostAssumptions, CostEstimate, CostLine, MeasuredFigures, Price } from './types';

const MILLION = 1_000_000;
const KB = 1024;
const GB = 1024 ** 3;

/** What {@link estimateCost} takes; anything left out is the measured figure or the default assumption. */
export interface CostInputs {
  /** @default MEASURED */
  readonly measured?: Partial<MeasuredFigures>;
  /** @default DEFAULT_ASSUMPTIONS */
  readonly assumptions?: Partial<CostAssumptions>;
}

/** Integer-valued fields (counts), which must be whole numbers. */
const WHOLE: ReadonlySet<string> = new Set(['eventsPerRecord', 'streamConsumers', 'functionMemoryMb', 'recordsPerInvocation', 'customMetrics', 'kmsKeys', 'alarms', 'dashboards', 'secrets']);
/** Fields that may be 0 (a count of resources); every other one must be above 0. */
const MAY_BE_ZERO: ReadonlySet<string> = new Set(['customMetrics', 'kmsKeys', 'alarms', 'dashboards', 'secrets', 'reportReadsPer1000', 'productPutItemsPer1000', 'logBytesPerInvocation', 'offlineRecordBytes']);

function check<T extends object>(group: string, values: T): T {
  for (const [name, value] of Object.entries(values)) {
    const field = `${group}.${name}`;
    const zeroOk = MAY_BE_ZERO.has(name);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroOk && value === 0)) {
      throw new CostInputError(field, zeroOk ? 'a finite number >= 0' : 'a finite number > 0', value);
    }
    if (WHOLE.has(name) && !Number.isInteger(value)) throw new CostInputError(field, 'a whole number', value);
  }
  return values;
}

const line = (service: string, item: string, quantity: number, price: Price, arithmetic: string, per = 1): CostLine => ({
  service,
  item,
  quantity,
  unit: price.unit,
  unitUsd: price.usd,
  usd: (quantity / per) * price.usd,
  arithmetic,
});

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(5)).toLocaleString('en-US', { maximumFractionDigits: 6 }));
const sum = (lines: readonly CostLine[]) => lines.reduce((total, l) => total + l.usd, 0);

/**
 * Estimates the cost of one million enriched events through the reports, the features and the
 * archive, and the fixed monthly cost of the environment, at {@link PRICES} (us-east-1).
 *
 * Lambda duration is derived from CPU: a function of M MB gets M / 1,769 of a vCPU, so an
 * invocation lasts at least its CPU time divided by that share. Wall time on AWS also includes
 * the waits on DynamoDB and Feature Store, so the Lambda lines are lower bounds.
 *
 * @example
 * ```ts
 * const { perMillionEvents, fixedPerMonth } = estimateCost({ assumptions: { kmsKeys: 9, alarms: 20 } });
 * perMillionEvents.totalUsd; // dollars per million events
 * ```
 * @throws CostInputError when a figure or assumption is not a finite positive number (naming it)
 */
export function estimateCost(inputs: CostInputs = {}): CostEstimate {
  const m = check('measured', { ...MEASURED, ...inputs.measured });
  const a = check('assumptions', { ...DEFAULT_ASSUMPTIONS, ...inputs.assumptions });
  const events = MILLION;
  const per1000 = events / 1000;

  // Kinesis Data Streams (on-demand): each record rounded up to whole KB, written once, read by every consumer.
  const records = events / a.eventsPerRecord;
  const recordKb = Math.ceil((m.eventBytes * a.eventsPerRecord) / KB);
  const streamGb = (records * recordKb * KB) / GB;
  const kinesis = [
    line('Kinesis Data Streams', 'data written', streamGb, PRICES.kinesisIngestGb, `${fmt(records)} records × ${recordKb} KB (${fmt(m.eventBytes * a.eventsPerRecord)} B rounded up) / 1024² = ${fmt(streamGb)} GB`),
    line('Kinesis Data Streams', 'data read', streamGb * a.streamConsumers, PRICES.kinesisRetrievalGb, `${fmt(streamGb)} GB × ${a.streamConsumers} consumers (reports, features, Firehose)`),
  ];

  // Lambda (arm64): duration >= CPU / vCPU share; one request per batch.
  const memoryGb = a.functionMemoryMb / 1024;
  const share = Math.min(1, a.functionMemoryMb / LAMBDA_MB_PER_VCPU);
  const archiveRecordsPerInvocation = Math.max(1, Math.floor(FIREHOSE_PROCESSOR_BUFFER_BYTES / m.eventBytes));
  const functions = [
    { name: 'report function', cpu: m.reportCpuMicros, invocations: events / a.recordsPerInvocation },
    { name: 'feature function', cpu: m.featureCpuMicros, invocations: events / a.recordsPerInvocation },
    { name: 'archive transform', cpu: m.archiveCpuMicros, invocations: events / archiveRecordsPerInvocation },
  ];
  const lambda = functions.map((f) => {
    const gbSeconds = (events * f.cpu * 1e-6 * memoryGb) / share;
    return line('Lambda', `${f.name} duration (lower bound)`, gbSeconds, PRICES.lambdaArmGbSecond, `1,000,000 × ${f.cpu} µs CPU / ${fmt(share)} vCPU share (${a.functionMemoryMb} / ${LAMBDA_MB_PER_VCPU} MB) × ${fmt(memoryGb)} GB = ${fmt(gbSeconds)} GB-s`);
  });
  const invocations = functions.reduce((n, f) => n + f.invocations, 0);
  lambda.push(
    line('Lambda', 'requests', invocations, PRICES.lambdaRequestMillion, functions.map((f) => `${fmt(f.invocations)} (${f.name})`).join(' + ') + ` = ${fmt(invocations)}; stream batches of ${a.recordsPerInvocation}, the transform's 1 MB buffer holds ${archiveRecordsPerInvocation} events`, MILLION),
  );

  // DynamoDB on-demand: every item written is billed in 1 KB units (BatchWriteItem per item), reads per item in 4 KB units.
  const reportWru = m.reportWritesPer1000 * per1000 * a.wruPerReportWrite;
  const userItems = m.putRecordsPer1000 - m.productPutItemsPer1000;
  const stateItems = userItems + m.productPutItemsPer1000;
  const [userWru, productWru] = [a.wruPerUserWrite ?? Math.ceil(a.userStateItemKb), Math.ceil(a.productStateItemKb)];
  const [userRru, productRru] = [Math.ceil(a.userStateItemKb / 4), Math.ceil(a.productStateItemKb / 4)];
  const stateWru = (userItems * userWru + m.productPutItemsPer1000 * productWru) * per1000;
  // Every entity's item is read once a batch; a product's again for its version (a projection is billed by the item's size).
  const stateRru = (userItems * userRru + 2 * m.productPutItemsPer1000 * productRru) * per1000;
  const dynamo = [
    line('DynamoDB', 'report writes', reportWru, PRICES.dynamoWriteMillion, `${m.reportWritesPer1000} requests / 1,000 events × 1,000 × ${a.wruPerReportWrite} WRU = ${fmt(reportWru)} WRU`, MILLION),
    line('DynamoDB', 'report reads', m.reportReadsPer1000 * per1000, PRICES.dynamoReadMillion, `${m.reportReadsPer1000} GetItem / 1,000 events × 1,000 × 1 RRU (strongly consistent, <= 4 KB)`, MILLION),
    line('DynamoDB', 'feature state writes', stateWru, PRICES.dynamoWriteMillion, `(${fmt(userItems)} user items in BatchWriteItem × ${userWru} WRU (${a.wruPerUserWrite === undefined ? `${a.userStateItemKb} KB` : 'measured mean'}) + ${m.productPutItemsPer1000} product PutItem × ${productWru} WRU (${a.productStateItemKb} KB)) / 1,000 events × 1,000`, MILLION),
    line('DynamoDB', 'feature state reads', stateRru, PRICES.dynamoReadMillion, `(${fmt(userItems)} user items × ${userRru} RRU + ${m.productPutItemsPer1000} products × 2 reads (state, version) × ${productRru} RRU) / 1,000 events × 1,000 (BatchGetItem, strongly consistent, 4 KB a unit)`, MILLION),
  ];

  // SageMaker Feature Store on-demand: one write unit per KB of each PutRecord; the offline store is Parquet on S3.
  const fsUnits = m.putRecordsPer1000 * per1000 * a.featureStoreUnitsPerPut;
  const offlineGb = (m.putRecordsPer1000 * per1000 * a.offlineRecordBytes) / GB;
  const featureStore = [
    line('Feature Store', 'PutRecord writes', fsUnits, PRICES.featureStoreWriteMillion, `${m.putRecordsPer1000} PutRecord / 1,000 events × 1,000 × ${a.featureStoreUnitsPerPut} unit (<= 1 KB)`, MILLION),
    line('S3', 'offline store, one month of storage', offlineGb, PRICES.s3GbMonth, `${fmt(m.putRecordsPer1000 * per1000)} records × ${a.offlineRecordBytes} B (assumed) / 1024³ = ${fmt(offlineGb)} GB`),
  ];

  // Firehose from the stream: per record rounded up to 5 KB; Parquet conversion on the same; dynamic partitioning per GB delivered and per object.
  const firehoseKb = Math.ceil((m.eventBytes * a.eventsPerRecord) / (5 * KB)) * 5;
  const firehoseGb = (records * firehoseKb * KB) / GB;
  const parquetBytes = (events * m.eventBytes) / m.parquetRatio;
  const objects = Math.ceil((events * m.eventBytes) / FIREHOSE_BUFFER_BYTES);
  const archive = [
    line('Firehose', 'ingestion', firehoseGb, PRICES.firehoseIngestGb, `${fmt(records)} records × ${firehoseKb} KB (5 KB steps) / 1024² = ${fmt(firehoseGb)} GB`),
    line('Firehose', 'Parquet conversion', firehoseGb, PRICES.firehoseConversionGb, `the same ${fmt(firehoseGb)} GB`),
    line('Firehose', 'dynamic partitioning, data', parquetBytes / GB, PRICES.firehosePartitioningGb, `1,000,000 × ${m.eventBytes} B / ${m.parquetRatio} (Parquet) / 1024³ = ${fmt(parquetBytes / GB)} GB`),
    line('Firehose', 'dynamic partitioning, objects', objects, PRICES.firehosePartitioningThousandObjects, `1,000,000 × ${m.eventBytes} B / 64 MiB buffer = ${objects} objects (more when traffic is slow: one per 60 s per date)`, 1000),
    line('S3', 'archive PUTs', objects, PRICES.s3PutThousand, `${objects} objects`, 1000),
    line('S3', 'archive, one month of storage', parquetBytes / GB, PRICES.s3GbMonth, `${fmt(parquetBytes / GB)} GB`),
  ];

  // CloudWatch Logs: a fixed number of bytes per invocation (the handlers log per batch, not per event).
  const logGb = (invocations * a.logBytesPerInvocation) / GB;
  const logs = [line('CloudWatch', 'logs ingested', logGb, PRICES.logsIngestGb, `${fmt(invocations)} invocations × ${a.logBytesPerInvocation} B / 1024³ = ${fmt(logGb)} GB`)];

  const variable = [...kinesis, ...lambda, ...dynamo, ...featureStore, ...archive, ...logs];

  // Fixed: what runs whatever the traffic.
  const mergeDpuHours = MERGE.runsPerMonth * MERGE.dpu * (a.mergeRunMinutes / 60);
  const fixed = [
    line('Kinesis Data Streams', 'on-demand streams', STREAMS * HOURS_PER_MONTH, PRICES.kinesisStreamHour, `${STREAMS} streams (enriched, bad rows) × ${HOURS_PER_MONTH} h`),
    line('SageMaker', 'propensity endpoint', ENDPOINT_INSTANCES * HOURS_PER_MONTH, PRICES.sagemakerMl5LargeHour, `${ENDPOINT_INSTANCES} variants × 1 ml.m5.large (autoscaling floor) × ${HOURS_PER_MONTH} h`),
    line('Glue', 'merge every 15 minutes (lower bound)', mergeDpuHours, PRICES.glueDpuHour, `${MERGE.runsPerMonth} runs × ${MERGE.dpu} DPU × ${a.mergeRunMinutes} min / 60 = ${fmt(mergeDpuHours)} DPU-h`),
    line('CloudWatch', 'custom metrics', a.customMetrics, PRICES.customMetricMonth, `${a.customMetrics} metrics (assumed: each service's metrics × its one dimension)`),
    line('CloudWatch', 'alarms', a.alarms, PRICES.alarmMonth, `${a.alarms} alarms in the synthesized templates`),
    line('CloudWatch', 'dashboards', a.dashboards, PRICES.dashboardMonth, `${a.dashboards} dashboard (operations stack)`),
    line('KMS', 'customer-managed keys', a.kmsKeys, PRICES.kmsKeyMonth, `${a.kmsKeys} keys in the synthesized templates`),
    line('Secrets Manager', 'secrets', a.secrets, PRICES.secretMonth, `${a.secrets} secrets (the shop database login, the pseudonymisation key)`),
    line('VPC', 'Secrets Manager interface endpoint', INTERFACE_ENDPOINT_AZS * HOURS_PER_MONTH, PRICES.interfaceEndpointAzHour, `${INTERFACE_ENDPOINT_AZS} AZs × ${HOURS_PER_MONTH} h`),
  ];

  return {
    perMillionEvents: { lines: variable, totalUsd: sum(variable) },
    fixedPerMonth: { lines: fixed, totalUsd: sum(fixed) },
  };
}
