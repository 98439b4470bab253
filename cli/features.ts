import type { Command } from 'commander';
import { DEFAULT_DATA_DIR, EndpointsNotFoundError } from '../local/up';
import { FEATURE_GROUPS } from '../schemas/feature-groups';
import { addDataDirOption, endpointsOf, type DataDirOption } from './dataDir';
import { NoLocalStackError, UnknownFeatureGroupError } from './features/errors';
import { fetchRecord } from './features/fetchRecord';
import { formatRecordJson, formatRecordTable } from './features/formatRecord';

/** Options of `snowline features get`. */
interface GetOptions extends DataDirOption {
  readonly json?: boolean;
}

/** The command that starts a local stack on a data dir, as the user would type it. */
const startCommandFor = (dataDir: string): string => (dataDir === DEFAULT_DATA_DIR ? 'npm start' : `npx snowline up --data-dir ${dataDir}`);

/**
 * `snowline features get <group> <record-id>`: one record of the running local stack's online
 * store, read with GetRecord through the real SDK client, as a table or as JSON.
 */
async function getFeatures(groupName: string, recordId: string, options: GetOptions): Promise<void> {
  const group = FEATURE_GROUPS.find((candidate) => candidate.name === groupName);
  if (group === undefined) throw new UnknownFeatureGroupError(groupName, FEATURE_GROUPS.map((candidate) => candidate.name));
  const startCommand = startCommandFor(options.dataDir);
  const endpoints = await endpointsOf(options).catch((error: unknown) => {
    throw error instanceof EndpointsNotFoundError ? new NoLocalStackError(options.dataDir, startCommand, { cause: error }) : error;
  });
  const record = await fetchRecord({ endpoints, dataDir: options.dataDir, startCommand }, group, recordId);
  process.stdout.write(options.json === true ? formatRecordJson(record, Date.now()) : formatRecordTable(record, group, Date.now()));
}

/** `snowline features ...`: read the feature store of the local stack. */
export function registerFeatures(program: Command): void {
  const features = program
    .command('features')
    .description('Read the features of the running local stack (the online store of its Feature Store)');
  addDataDirOption(
    features
      .command('get')
      .description(
        "Print one record's features from the online store (GetRecord), with its event time and age; " +
          'exits 1 when there is no such record',
      )
      .argument('<group>', `the feature group: ${FEATURE_GROUPS.map((group) => group.name).join(', ')}`)
      .argument('<record-id>', "the record identifier's value, e.g. a domain_userid for user_activity")
      .option('--json', 'print one JSON object (values as Feature Store returns them) instead of a table'),
  ).action(getFeatures);
}
