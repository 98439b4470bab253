import { FeatureType } from '../../schemas/feature-group-declaration';
import { ValidationError } from './errors';
import type { ServedGroup } from './FeatureGroupCatalog';
import { parseEventTime } from './parseEventTime';
import type { FeatureValue } from './types';

/** A record that obeys its group's feature definitions. */
export interface ValidRecord {
  readonly recordId: string;
  readonly eventTime: string;
  readonly eventTimeMs: number;
  /** The features in the order they were sent. */
  readonly features: readonly { readonly FeatureName: string; readonly ValueAsString: string }[];
}

const INTEGRAL = /^[+-]?\d+$/;
const FRACTIONAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The event time formats, as named in a message. */
export const EVENT_TIME_FORMATS: Record<'String' | 'Fractional', string> = {
  String: "ISO-8601 in UTC, yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ",
  Fractional: 'Unix time in seconds',
};

/** Whether a value is valid for a scalar feature type. */
export function isValidValue(type: FeatureType, value: string): boolean {
  if (type === FeatureType.Integral) {
    if (!INTEGRAL.test(value)) return false;
    const number = BigInt(value);
    return number >= INT64_MIN && number <= INT64_MAX;
  }
  if (type === FeatureType.Fractional) return FRACTIONAL.test(value) && Number.isFinite(Number(value));
  return true;
}

/**
 * Checks a PutRecord `Record` against the group's feature definitions: every feature defined,
 * once, with a value of its type; the record identifier and the event time present, the event
 * time in a format Feature Store reads.
 *
 * @throws ValidationError naming the feature and the group.
 */
export function validateRecord(group: ServedGroup, record: readonly FeatureValue[]): ValidRecord {
  const name = group.declaration.name;
  const unknown = record.filter((value) => !group.features.has(value.FeatureName)).map((value) => value.FeatureName);
  if (unknown.length > 0) {
    throw new ValidationError(`The feature name(s) [${unknown.join(', ')}] in the Record are not defined in the FeatureDefinitions of FeatureGroup ${name}.`);
  }
  const seen = new Set<string>();
  const features: { FeatureName: string; ValueAsString: string }[] = [];
  for (const value of record) {
    if (seen.has(value.FeatureName)) {
      throw new ValidationError(`The feature ${value.FeatureName} appears more than once in the Record.`);
    }
    seen.add(value.FeatureName);
    const feature = group.features.get(value.FeatureName)!;
    if (value.ValueAsStringList !== undefined) {
      throw new ValidationError(`The feature ${feature.name} of FeatureGroup ${name} is not a collection type: set ValueAsString, not ValueAsStringList.`);
    }
    if (value.ValueAsString === undefined) {
      throw new ValidationError(`The feature ${feature.name} in the Record has no ValueAsString.`);
    }
    if (!isValidValue(feature.type, value.ValueAsString)) {
      throw new ValidationError(`The value '${value.ValueAsString}' of feature ${feature.name} is not a valid ${feature.type}.`);
    }
    features.push({ FeatureName: feature.name, ValueAsString: value.ValueAsString });
  }
  const recordId = features.find((value) => value.FeatureName === group.recordIdentifier.name);
  if (recordId === undefined || recordId.ValueAsString === '') {
    throw new ValidationError(`The Record must contain a value for the RecordIdentifierFeatureName ${group.recordIdentifier.name} of FeatureGroup ${name}.`);
  }
  const eventTime = features.find((value) => value.FeatureName === group.eventTime.name);
  if (eventTime === undefined) {
    throw new ValidationError(`The Record must contain a value for the EventTimeFeatureName ${group.eventTime.name} of FeatureGroup ${name}.`);
  }
  const eventTimeMs = parseEventTime(eventTime.ValueAsString, group.eventTime.type);
  if (eventTimeMs === undefined) {
    throw new ValidationError(invalidEventTimeMessage(group, eventTime.ValueAsString));
  }
  return { recordId: recordId.ValueAsString, eventTime: eventTime.ValueAsString, eventTimeMs, features };
}

/** The message for an event time Feature Store cannot read. */
export function invalidEventTimeMessage(group: ServedGroup, value: string): string {
  const format = EVENT_TIME_FORMATS[group.eventTime.type as 'String' | 'Fractional'];
  return `The EventTime value '${value}' of feature ${group.eventTime.name} is not valid: expected ${format}.`;
}
