import { z } from 'zod';
import type { EventSourceSettings } from '../../stacks/config';
import { InvalidEventSourceSettingsError } from './errors';

const EXPECTED = {
  batchSize: 'an integer in 1-10000',
  maximumBatchingWindowInSeconds: 'an integer in 0-300',
  bisectBatchOnFunctionError: 'a boolean',
  maximumRetryAttempts: 'an integer in -1-10000 (-1 is infinite)',
  maximumRecordAgeInSeconds: '-1 (infinite) or an integer in 60-604800',
  reportBatchItemFailures: 'a boolean',
  startingPosition: "'TRIM_HORIZON' or 'LATEST'",
} as const satisfies Record<keyof EventSourceSettings, string>;

/** Lambda's ranges for a Kinesis event source mapping's settings. */
export const eventSourceSettingsSchema = z.object({
  batchSize: z.number().int().min(1).max(10_000),
  maximumBatchingWindowInSeconds: z.number().int().min(0).max(300),
  bisectBatchOnFunctionError: z.boolean(),
  maximumRetryAttempts: z.number().int().min(-1).max(10_000),
  maximumRecordAgeInSeconds: z
    .number()
    .int()
    .refine((v) => v === -1 || (v >= 60 && v <= 604_800)),
  reportBatchItemFailures: z.boolean(),
  startingPosition: z.enum(['TRIM_HORIZON', 'LATEST']),
});

/**
 * Checks settings against Lambda's ranges and throws an {@link InvalidEventSourceSettingsError}
 * naming the first wrong field and the value that arrived.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html
 */
export function validateSettings(mapping: string, settings: EventSourceSettings): EventSourceSettings {
  const result = eventSourceSettingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'settings') as keyof EventSourceSettings;
  const value = (settings as unknown as Record<string, unknown> | undefined)?.[field];
  throw new InvalidEventSourceSettingsError(mapping, field, value, EXPECTED[field] ?? 'an object');
}
