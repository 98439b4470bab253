import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventSourceStreamError,
  InvalidEventSourceSettingsError,
  InvalidMappingOptionError,
  startEventSourceMapping,
  validateSettings,
} from '../../../local/esm';
import { DEFAULT_EVENT_SOURCE } from '../../../stacks/config';
import { createStream, FAST, putRecords, settings, startHarness, waitFor, type Harness } from './helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('settings', () => {
  it('accepts the shared defaults', () => {
    expect(validateSettings('reports', DEFAULT_EVENT_SOURCE)).toEqual(DEFAULT_EVENT_SOURCE);
  });

  it.each([
    ['batchSize', 0, 'batchSize must be an integer in 1-10000, got 0'],
    ['batchSize', 10_001, 'batchSize must be an integer in 1-10000, got 10001'],
    ['maximumBatchingWindowInSeconds', 0.5, 'maximumBatchingWindowInSeconds must be an integer in 0-300, got 0.5'],
    ['maximumRetryAttempts', -2, 'maximumRetryAttempts must be an integer in -1-10000 (-1 is infinite), got -2'],
    ['maximumRecordAgeInSeconds', 59, 'maximumRecordAgeInSeconds must be -1 (infinite) or an integer in 60-604800, got 59'],
    ['startingPosition', 'AT_TIMESTAMP', `startingPosition must be 'TRIM_HORIZON' or 'LATEST', got "AT_TIMESTAMP"`],
    ['bisectBatchOnFunctionError', 'yes', 'bisectBatchOnFunctionError must be a boolean, got "yes"'],
  ])('rejects %s = %j, naming the field and the value', (field, value, message) => {
    const bad = { ...DEFAULT_EVENT_SOURCE, [field]: value };

    let error: unknown;
    try {
      validateSettings('reports', bad);
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(InvalidEventSourceSettingsError);
    expect(error).toMatchObject({ field, value, message: `event source mapping 'reports': ${message}` });
  });
});

describe('startEventSourceMapping', () => {
  it('refuses bad settings before touching the stream', async () => {
    const attempt = startEventSourceMapping({
      name: 'bad',
      kinesis: harness.client,
      streamName: 'does-not-matter',
      settings: { ...DEFAULT_EVENT_SOURCE, batchSize: 0 },
      handler: async () => {},
    });

    await expect(attempt).rejects.toBeInstanceOf(InvalidEventSourceSettingsError);
  });

  it('refuses a name that is not a folder name', async () => {
    const attempt = startEventSourceMapping({
      name: '../escape',
      kinesis: harness.client,
      streamName: 'x',
      settings: DEFAULT_EVENT_SOURCE,
      handler: async () => {},
    });

    await expect(attempt).rejects.toBeInstanceOf(InvalidMappingOptionError);
    await expect(attempt).rejects.toThrow("event source mapping '../escape': option name must match [A-Za-z0-9_.-]+ (it names a folder)");
  });

  it('names the stream it cannot find', async () => {
    const attempt = startEventSourceMapping({
      name: 'missing',
      kinesis: harness.kinesis.endpoint,
      streamName: 'no-such-stream',
      settings: DEFAULT_EVENT_SOURCE,
      handler: async () => {},
    });

    await expect(attempt).rejects.toBeInstanceOf(EventSourceStreamError);
    await expect(attempt).rejects.toThrow("event source mapping 'missing': cannot list the shards of stream 'no-such-stream'");
  });

  it('treats an invocation longer than functionTimeoutMs as a function error', async () => {
    const streamName = await createStream(harness, 1);
    await putRecords(harness.client, streamName, ['slow']);
    let calls = 0;
    const mapping = await startEventSourceMapping({
      name: 'timeout',
      kinesis: harness.kinesis.endpoint,
      streamName,
      settings: settings({ maximumRetryAttempts: 0 }),
      functionTimeoutMs: 50,
      handler: async (_event, context) => {
        calls++;
        expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(50);
        await new Promise((resolve) => setTimeout(resolve, 500));
      },
      ...FAST,
    });
    try {
      await waitFor(() => mapping.failures.length === 1, 5_000);

      expect(calls).toBe(1);
      expect(mapping.failures[0]!.responseContext.functionError).toBe('Unhandled');
      expect(mapping.stats().recordsProcessed).toBe(0);
    } finally {
      await mapping.stop();
    }
  });
});
