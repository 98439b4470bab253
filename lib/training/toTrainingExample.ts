import { toFeatureVector } from '../model';
import { USER_ACTIVITY } from '../../schemas/feature-groups';
import { TrainingError } from './errors';
import type { TrainingExample } from './types';

const SQL_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z?$/;

/** Epoch ms of a DuckDB timestamp as `runDuckDbQuery` gives it (`YYYY-MM-DD hh:mm:ss[.fff]`, UTC), or NaN. */
export function sqlTimestampMs(text: unknown): number {
  const m = typeof text === 'string' ? SQL_TIMESTAMP.exec(text) : null;
  if (m === null) return NaN;
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

const FEATURES = USER_ACTIVITY.features.filter((f) => f.name !== USER_ACTIVITY.recordIdentifierFeatureName && f.name !== USER_ACTIVITY.eventTimeFeatureName);

/**
 * Encodes one row of `queries/feature_training_set.sql` exactly as an inference call at the
 * label time would be: its user_activity features become the online record (values as text, the
 * row's `feature_event_time` as `event_time`; no record when the user had none) and go through
 * `toFeatureVector` with `nowMs` the label time. The product group is not asked for, as in a
 * request without a sku.
 *
 * @throws TrainingError naming the row (its event_id) and the column that is not as the query documents.
 */
export function toTrainingExample(row: Readonly<Record<string, unknown>>): TrainingExample {
  const labelTimeMs = sqlTimestampMs(row.label_time);
  if (Number.isNaN(labelTimeMs)) throw new TrainingError(`training set row ${String(row.event_id)}: label_time ${JSON.stringify(row.label_time)} is not a timestamp`);
  if (row.label !== 0 && row.label !== 1) throw new TrainingError(`training set row ${String(row.event_id)}: label ${JSON.stringify(row.label)} is not 0 or 1`);
  let record: Record<string, string> | null = null;
  if (row.feature_event_time !== null && row.feature_event_time !== undefined) {
    const eventTimeMs = sqlTimestampMs(row.feature_event_time);
    if (Number.isNaN(eventTimeMs)) throw new TrainingError(`training set row ${String(row.event_id)}: feature_event_time ${JSON.stringify(row.feature_event_time)} is not a timestamp`);
    record = { [USER_ACTIVITY.eventTimeFeatureName]: new Date(eventTimeMs).toISOString() };
    for (const feature of FEATURES) {
      const value = row[feature.name];
      if (value !== null && value !== undefined) record[feature.name] = String(value);
    }
  }
  const { vector } = toFeatureVector({ [USER_ACTIVITY.name]: record }, { nowMs: labelTimeMs });
  return { labelTimeMs, label: row.label, vector };
}
