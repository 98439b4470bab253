import type { EnrichedEvent } from '../../schemas/enriched-event';

/**
 * An event's event time in epoch milliseconds: `derived_tstamp`, else `collector_tstamp`
 * (DESIGN.md, "Time"); null when it has neither.
 */
export function eventTime(event: Pick<EnrichedEvent, 'derived_tstamp' | 'collector_tstamp'>): number | null {
  return event.derived_tstamp ?? event.collector_tstamp;
}
