/**
 * The child process of the reports and features benchmarks: dynalite and kinesalite (in memory,
 * with the bad-rows stream) and, with `--featurestore`, the Feature Store runtime (online store in
 * memory, the declared feature groups), so that their CPU is not counted as the handler's. Prints
 * one JSON line, `{"dynamodb": URL, "kinesis": URL}` (and `"featurestore": URL`), once all listen;
 * stops when its stdin closes (the parent ended, even abruptly) or on SIGTERM / SIGINT.
 *
 * Run as `node --import tsx bench/reports/servicesChild.ts [--featurestore]`; see {@link startServicesChild}.
 */
import { startDynamoDb } from '../../local/dynamodb';
import { startFeatureStoreService } from '../../local/featurestore';
import { startKinesis } from '../../local/kinesis';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';
import { BAD_ROWS_STREAM } from '../../stacks/config';

const withFeatureStore = process.argv.includes('--featurestore');
const [dynamodb, kinesis, featurestore] = await Promise.all([
  startDynamoDb(),
  startKinesis({ streams: [BAD_ROWS_STREAM] }),
  withFeatureStore ? startFeatureStoreService({ featureGroups: FEATURE_GROUPS }) : undefined,
]);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  // Bounded: a service that does not close in 5 s is left to the process exit.
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([Promise.allSettled([dynamodb.close(), kinesis.close(), featurestore?.close()]), timeout]);
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

process.stdout.write(`${JSON.stringify({ dynamodb: dynamodb.endpoint, kinesis: kinesis.endpoint, featurestore: featurestore?.endpoint })}\n`);
