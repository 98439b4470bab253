import { startEventSourceMapping, type MappingStats } from '../../local/esm';
import { DEFAULT_CONSUMERS, LOCAL_STACK_REGION, type Endpoints } from '../../local/up';
import { InvocationLog } from '../reports/InvocationLog';
import type { ServicesChild } from '../reports/startServicesChild';

/** The feature consumer running in this process against the services child. */
export interface FeatureConsumer {
  /** Its invocations, timed. */
  readonly invocations: InvocationLog;
  /** The mapping's progress. */
  stats(): MappingStats;
  /** Stops polling and lets the batch in flight finish; safe to call twice. */
  stop(): Promise<void>;
}

/** Where nothing listens: the feature consumer reads no service but Kinesis, DynamoDB and the Feature Store. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Runs the feature consumer as `snowline up` runs it, in this process: the `features` entry of
 * DEFAULT_CONSUMERS (the real handler and its SDK clients, built from the endpoints) on the
 * enriched stream through the local event-source-mapping runner with the same settings
 * (DEFAULT_EVENT_SOURCE) and its checkpoints under `dataDir`, but with kinesalite, dynalite and
 * the Feature Store in the services child (started with `{ featureStore: true, dataDir }`), so
 * they do not share this process's one JavaScript thread with the handler.
 *
 * @throws Error when DEFAULT_CONSUMERS has no `features` consumer or the child no Feature Store.
 */
export async function startFeatureConsumer(child: ServicesChild, dataDir: string): Promise<FeatureConsumer> {
  const consumer = DEFAULT_CONSUMERS.find((c) => c.name === 'features');
  if (consumer === undefined) throw new Error('features bench: DEFAULT_CONSUMERS has no `features` consumer');
  if (child.featurestore === undefined) throw new Error('features bench: the services child runs no Feature Store (start it with { featureStore: true })');
  // The Endpoints a `snowline up` of these services would write; the services the child does not run point nowhere.
  const endpoints: Endpoints = {
    kinesis: child.kinesis,
    dynamodb: child.dynamodb,
    featurestore: child.featurestore,
    sagemaker: NOWHERE,
    modelServer: NOWHERE,
    postgres: 'postgres://none@127.0.0.1:9/none',
    http: NOWHERE,
    streams: {},
    tables: {},
    featureGroups: {},
    sagemakerEndpoints: {},
    region: LOCAL_STACK_REGION,
    dataDir,
    pid: child.pid,
    startedAt: new Date().toISOString(),
  };
  const invocations = new InvocationLog();
  const handler = await consumer.createHandler(endpoints);
  const mapping = await startEventSourceMapping({
    name: consumer.name,
    kinesis: child.kinesis,
    region: LOCAL_STACK_REGION,
    streamName: consumer.streamName,
    settings: consumer.settings,
    handler: invocations.wrap(handler),
    dataDir,
  });
  let stopping: Promise<void> | undefined;
  return {
    invocations,
    stats: () => mapping.stats(),
    stop: () =>
      (stopping ??= (async () => {
        await mapping.stop();
        await handler.close?.();
      })()),
  };
}
