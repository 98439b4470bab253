import { compileFeatureGroup, entityOf, kindOf } from '../../lib/features';
import type { GeneratedEvent } from '../../lib/generator';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';

/** The one-per-event design's requests for some events: per event, per feature group the event belongs to. */
export interface NaiveFeatureWrites {
  /** One PutRecord per (event, group it belongs to). */
  readonly putRecords: number;
  /** One state write per (event, group it belongs to). */
  readonly stateWrites: number;
  /** (event, group) pairs, by group: what both counts are. */
  readonly byGroup: Readonly<Record<string, number>>;
}

/**
 * What a feature handler that writes for every event would send: for each event and each
 * feature group it belongs to (a user of `user_activity` when it has a `domain_userid`; a
 * product of `product_activity` when its page, add-to-cart or transaction item names one, as
 * `entityOf` decides for the real handler), one state write and one PutRecord. Every event in
 * the stream counts, the generator's exact duplicates included (a per-event handler sees them as
 * events too); events that are bad rows count nothing.
 */
export function naiveFeatureWrites(events: readonly GeneratedEvent[]): NaiveFeatureWrites {
  const groups = FEATURE_GROUPS.map(compileFeatureGroup);
  const byGroup: Record<string, number> = Object.fromEntries(groups.map((g) => [g.name, 0]));
  let pairs = 0;
  for (const { event } of events) {
    const kind = kindOf(event);
    for (const group of groups) {
      if (entityOf(event, group.recordIdentifier, kind) === null) continue;
      byGroup[group.name]!++;
      pairs++;
    }
  }
  return { putRecords: pairs, stateWrites: pairs, byGroup };
}
