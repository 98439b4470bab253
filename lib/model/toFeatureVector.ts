import { MAX_USER_EVENT_AGE_S, OTHER_CATEGORY } from './constants';
import { InvalidContextValueError } from './errors';
import { MODEL_FEATURES, MODEL_GROUPS, MODEL_INPUTS } from './modelFeatures';
import { readRecord } from './readRecord';
import type { DefaultReason, FeatureRecords, FeatureVector, FeatureVectorOptions, ModelInput, RequestContext } from './types';

const INPUT_BY_NAME: ReadonlyMap<string, ModelInput> = new Map(MODEL_INPUTS.map((input) => [input.name, input]));

interface GroupView {
  /** Whether the group was asked for (its key is in the records). */
  readonly asked: boolean;
  readonly values: ReadonlyMap<string, string> | null;
  /** Seconds from the record's event time to now (0 when the event time is ahead), null when unknown. */
  readonly ageS: number | null;
}

/**
 * The problems of a request-time context, one sentence each, naming the key: a key that is no
 * model input, a number for a String input, a non-finite number or a string for a numeric one.
 *
 * @example
 * ```ts
 * contextProblems({ device_class: 3, colour: 'red' });
 * // ["device_class: must be a string (one of Desktop, ...)", "colour: is not a model input (page_views_5m, ...)"]
 * ```
 */
export function contextProblems(context: RequestContext): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(context)) {
    const input = INPUT_BY_NAME.get(key);
    if (input === undefined) problems.push(`${key}: is not a model input (${MODEL_INPUTS.map((i) => i.name).join(', ')})`);
    else if (input.kind === 'category' && typeof value !== 'string') problems.push(`${key}: must be a string (one of ${input.categories!.join(', ')})`);
    else if (input.kind === 'numeric' && (typeof value !== 'number' || !Number.isFinite(value))) problems.push(`${key}: must be a finite number`);
  }
  return problems;
}

/**
 * Builds the model's feature vector from the online records of one prediction: one number per
 * column of {@link MODEL_FEATURES}, in order. Pure: the same records, context and time give the
 * same vector, so training (offline records as of each label time) and serving agree.
 *
 * Defaults (each listed in `defaulted` with a reason):
 * - a numeric input whose record or value is missing: 0 (`missing`); unparsable: 0 (`invalid`);
 * - a windowed count or sum whose window ended before `nowMs` (no event in it): 0, which is then
 *   the exact value (`expired`);
 * - a String input whose record or value is missing: `other` (`missing`); a value outside the
 *   vocabulary is a real value and encodes as `other` without being listed;
 * - `user_event_age_s` without a user record: 86,400 (`missing`); it is capped there too.
 *
 * Inputs of a group absent from `records` (the product group when no sku was given) take their
 * defaults without being listed. A `context` value overrides an input and is never defaulted.
 *
 * @throws InvalidContextValueError for a context key that is no input or a value of the wrong type.
 * @example
 * ```ts
 * toFeatureVector({ user_activity: [{ FeatureName: 'page_views_1h', ValueAsString: '3' }, ...] });
 * ```
 */
export function toFeatureVector(records: FeatureRecords, options: FeatureVectorOptions = {}): FeatureVector {
  const nowMs = options.nowMs ?? Date.now();
  const context = options.context ?? {};
  const problem = contextProblems(context)[0];
  if (problem !== undefined) throw new InvalidContextValueError(problem.slice(0, problem.indexOf(':')), problem.slice(problem.indexOf(':') + 2));

  const groups = new Map<string, GroupView>();
  for (const { group } of MODEL_GROUPS) {
    const asked = Object.prototype.hasOwnProperty.call(records, group.name);
    const record = records[group.name];
    const values = record == null ? null : readRecord(record);
    const eventTimeMs = values === null ? NaN : Date.parse(values.get(group.eventTimeFeatureName) ?? '');
    groups.set(group.name, { asked, values, ageS: Number.isNaN(eventTimeMs) ? null : Math.max(0, (nowMs - eventTimeMs) / 1000) });
  }

  const features: Record<string, number | string> = {};
  const defaulted: string[] = [];
  const defaultReasons: Record<string, DefaultReason> = {};
  const fallBack = (input: ModelInput, listed: boolean, reason: DefaultReason) => {
    features[input.name] = input.default;
    if (listed) {
      defaulted.push(input.name);
      defaultReasons[input.name] = reason;
    }
  };

  for (const input of MODEL_INPUTS) {
    const override = context[input.name];
    if (override !== undefined) {
      features[input.name] = override;
      continue;
    }
    if (input.source === undefined) {
      // user_event_age_s, the one derived input
      const user = groups.get(MODEL_GROUPS[0]!.group.name)!;
      if (user.ageS === null) fallBack(input, user.asked, 'missing');
      else features[input.name] = Math.min(user.ageS, MAX_USER_EVENT_AGE_S);
      continue;
    }
    const group = groups.get(input.source.group)!;
    const raw = group.values?.get(input.source.feature);
    if (raw === undefined) {
      fallBack(input, group.asked, 'missing');
    } else if (input.kind === 'category') {
      features[input.name] = raw;
    } else if (input.windowS !== null && group.ageS !== null && group.ageS > input.windowS) {
      fallBack(input, true, 'expired');
    } else {
      const value = raw.trim() === '' ? NaN : Number(raw);
      if (Number.isFinite(value)) features[input.name] = value;
      else fallBack(input, true, 'invalid');
    }
  }

  const vector = MODEL_FEATURES.map((column) => {
    const value = features[column.input]!;
    if (column.category === undefined) return value as number;
    const categories = INPUT_BY_NAME.get(column.input)!.categories!;
    const category = categories.includes(value as string) ? value : OTHER_CATEGORY;
    return category === column.category ? 1 : 0;
  });
  const ages = [...groups.values()].map((group) => group.ageS).filter((age): age is number => age !== null);
  return { vector, features, defaulted, defaultReasons, featureAgeS: ages.length === 0 ? null : Math.max(...ages) };
}

