import { createValidateEnrichedHandler } from '../../handlers/validate-enriched';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM } from '../../stacks/config';
import { createLocalKinesisClient } from '../kinesis/createLocalKinesisClient';
import type { ConsumerDefinition } from './types';

/**
 * The functions `snowline up` runs on the streams. Until the reporting and feature handlers
 * exist, the enriched stream is consumed by `validate-enriched`, which sends what does not parse
 * to the bad-rows stream, so the demo shows the stream being read.
 */
export const DEFAULT_CONSUMERS: readonly ConsumerDefinition[] = [
  {
    name: 'validate-enriched',
    streamName: ENRICHED_STREAM.streamName,
    settings: DEFAULT_EVENT_SOURCE,
    createHandler: (endpoints) =>
      createValidateEnrichedHandler({
        kinesis: createLocalKinesisClient(endpoints.kinesis, endpoints.region),
        badRowsStreamName: BAD_ROWS_STREAM.streamName,
      }),
  },
];
