import type { CompiledFeatureGroup, WindowedFeature } from './compileFeatureGroup';
import { MICROS_PER_UNIT } from './constants';
import type { Fact, FeatureEntry, FeatureValue } from './types';

/** A computed record: its values in declaration order, and its event time. */
export interface ComputedRecord {
  readonly record: FeatureValue[];
  /** The entity's latest event time, epoch ms: the record's EventTime. */
  readonly eventTimeMs: number;
}

/** The value a point feature has before any event gave one. */
const POINT_DEFAULTS: Readonly<Record<string, string>> = { device_class: 'Unknown', logged_in: '0' };

/**
 * Computes an entity's record exactly from its entries: T is the newest entry's event time;
 * each windowed feature counts, sums or counts distinct values over the entries whose event time
 * lies in (T − window, T]; point features take the profile's facts. A feature with no value (a
 * `latestPresent` never seen) is left out of the record, as Feature Store allows.
 *
 * @example
 * computeFeatureRecord(compileFeatureGroup(PRODUCT_ACTIVITY), 'SKU-00042', entries, {});
 */
export function computeFeatureRecord(
  group: CompiledFeatureGroup,
  id: string,
  entries: Iterable<FeatureEntry>,
  facts: Readonly<Record<string, Fact>>,
): ComputedRecord {
  const all = [...entries];
  const t = all.reduce((max, e) => Math.max(max, e.t), -Infinity);
  const values = new Map<string, string>();
  for (const feature of group.windowed) {
    const from = t - feature.windowMs;
    let count = 0;
    let sum = 0;
    const distinct = new Set<string>();
    for (const e of all) {
      if (e.t <= from || e.t > t || (feature.events !== 'any' && feature.events !== e.kind)) continue;
      if (feature.op === 'count') count++;
      else {
        const v = e.values[feature.valueIndex];
        if (v === null || v === undefined) continue;
        if (feature.op === 'sum') sum += Number(v);
        else distinct.add(v);
      }
    }
    values.set(feature.name, String(feature.op === 'count' ? count : feature.op === 'distinct' ? distinct.size : sumValue(group, feature, sum)));
  }
  return assembleRecord(group, id, t, values, facts);
}

/** A windowed sum as its feature shows it: revenue, summed in micro-units, in units. */
export function sumValue(group: CompiledFeatureGroup, feature: WindowedFeature, sum: number): number {
  return group.entryValues[feature.valueIndex] === 'revenue' ? sum / MICROS_PER_UNIT : sum;
}

/**
 * A record from an entity's windowed values (by feature name) and point facts, at event time `t`:
 * point features take their fact or default, then the record identifier and event time, in
 * declaration order.
 */
export function assembleRecord(group: CompiledFeatureGroup, id: string, t: number, values: Map<string, string>, facts: Readonly<Record<string, Fact>>): ComputedRecord {
  for (const feature of group.point) {
    const value = facts[feature.name]?.value ?? POINT_DEFAULTS[feature.value];
    if (value !== undefined) values.set(feature.name, value);
  }
  values.set(group.recordIdentifier, id);
  values.set(group.eventTimeFeature, new Date(t).toISOString());
  const record = group.declaration.features.filter((f) => values.has(f.name)).map((f) => ({ FeatureName: f.name, ValueAsString: values.get(f.name)! }));
  return { record, eventTimeMs: t };
}
