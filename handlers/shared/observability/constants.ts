/** The CloudWatch namespace of every Snowline metric (embedded metric format). */
export const METRICS_NAMESPACE = 'Snowline';

/**
 * The service name of each handler: its logs' `service`, its metrics' `service` dimension and
 * its traces' annotation. The operations dashboard and the alarms read the same values.
 */
export const OBSERVED_SERVICES = {
  reports: 'snowline-reports',
  features: 'snowline-features',
  inference: 'snowline-inference',
  archiveTransform: 'snowline-archive-transform',
  dashboardApi: 'snowline-dashboard-api',
} as const;

/** One of {@link OBSERVED_SERVICES}. */
export type ObservedService = (typeof OBSERVED_SERVICES)[keyof typeof OBSERVED_SERVICES];

/**
 * The metrics a stream handler publishes once per invocation (one EMF line), by what they hold:
 * - `eventsIn`: lines read from the records (events and bad lines), replays included;
 * - `badRows`: lines that could not be read or validated (the bad-rows stream gets them);
 * - `writes`: writes to the handler's store (report items, state entries and PutRecords, archived rows);
 * - `retries`: records handed back to Lambda to retry (`batchItemFailures`);
 * - `lag`: the iterator age of the batch, ms: now minus the oldest record's arrival in the stream;
 * - `latency`: the invocation's duration, ms.
 */
export const BATCH_METRICS = {
  eventsIn: 'EventsIn',
  badRows: 'BadRows',
  writes: 'Writes',
  retries: 'Retries',
  lag: 'IteratorAgeMs',
  latency: 'HandlerLatency',
} as const;

/** The metrics an HTTP API handler publishes once per request. */
export const API_METRICS = {
  requests: 'Requests',
  clientErrors: 'ClientErrors',
  serverErrors: 'ServerErrors',
  latency: 'HandlerLatency',
} as const;
