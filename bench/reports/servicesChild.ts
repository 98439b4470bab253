/**
 * The child process of the reports and features benchmarks: dynalite and kinesalite (in memory,
 * with the bad-rows stream) and, with `--featurestore`, the Feature Store runtime (online store in
 * memory, the declared feature groups), so that their CPU is not counted as the handler's. Prints
 * one JSON line, `{"dynamodb": URL, "kinesis": URL}` (and `"featurestore": URL`), once all listen;
 * stops when its stdin closes (the parent ended, even abruptly) or on SIGTERM / SIGINT.
 * With `--data-dir DIR` the services keep their data under DIR as `snowline up` keeps it (LevelDB
 * kinesalite and dynalite, the Feature Store's write-ahead log and its offline Parquet files under
 * `lake/feature-store`) and start with the streams and tables `snowline up` creates (STREAMS, TABLES).
 *
 * Run as `node --import tsx bench/reports/servicesChild.ts [--featurestore] [--data-dir DIR]`; see {@link startServicesChild}.
 */
import { join } from 'node:path';
import { startDynamoDb } from '../../local/dynamodb';
import { startFeatureStoreService } from '../../local/featurestore';
import { startKinesis } from '../../local/kinesis';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';
import { DATA_DIR_LAYOUT, LOCAL_STACK_REGION } from '../../local/up/constants';
import { BAD_ROWS_STREAM, STREAMS, TABLES } from '../../stacks/config';

const withFeatureStore = process.argv.includes('--featurestore');
const dataDirAt = process.argv.indexOf('--data-dir');
const dataDir = dataDirAt < 0 ? undefined : process.argv[dataDirAt + 1];
if (dataDirAt >= 0 && (dataDir === undefined || dataDir.startsWith('--'))) throw new Error('servicesChild: --data-dir expects a directory');
// On disk, as `snowline up` starts them (local/up/startStack); in memory, only what the benches create.
const onDisk = dataDir === undefined ? undefined : { dataDir };
const [dynamodb, kinesis, featurestore] = await Promise.all([
  startDynamoDb(onDisk === undefined ? {} : { ...onDisk, tables: TABLES }),
  startKinesis(onDisk === undefined ? { streams: [BAD_ROWS_STREAM] } : { ...onDisk, streams: STREAMS }),
  !withFeatureStore
    ? undefined
    : startFeatureStoreService({
        featureGroups: FEATURE_GROUPS,
        ...(dataDir === undefined
          ? {}
          : { dataDir: join(dataDir, DATA_DIR_LAYOUT.featurestore), offlineStoreDir: join(dataDir, DATA_DIR_LAYOUT.lake, 'feature-store'), region: LOCAL_STACK_REGION }),
      }),
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
