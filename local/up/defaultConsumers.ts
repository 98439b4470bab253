import { Logger } from '@aws-lambda-powertools/logger';
import { createReportsHandler } from '../../handlers/reports';
import { KinesisBadRowSink } from '../../handlers/shared';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM, REPORTS_TABLE } from '../../stacks/config';
import { DynamoReportStore } from '../../stores/reports';
import { createLocalDynamoDbClient } from '../dynamodb/createLocalDynamoDbClient';
import { createLocalKinesisClient } from '../kinesis/createLocalKinesisClient';
import type { ConsumerDefinition } from './types';

/**
 * The functions `snowline up` runs on the streams: the report handler on the enriched stream,
 * built as on Lambda, with its clients pointed at the local DynamoDB and Kinesis. It also sends
 * what does not parse to the bad-rows stream (which `validate-enriched` did before it). Its
 * per-batch logs are kept to warnings locally, so the terminal is not flooded.
 */
export const DEFAULT_CONSUMERS: readonly ConsumerDefinition[] = [
  {
    name: 'reports',
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: (endpoints) =>
      createReportsHandler({
        store: new DynamoReportStore({ dynamodb: createLocalDynamoDbClient(endpoints.dynamodb, endpoints.region), tableName: REPORTS_TABLE.tableName }),
        badRows: new KinesisBadRowSink({ kinesis: createLocalKinesisClient(endpoints.kinesis, endpoints.region), streamName: BAD_ROWS_STREAM.streamName }),
        logger: new Logger({ serviceName: 'snowline-reports', logLevel: 'WARN' }),
      }),
  },
];
