import { ENRICHED_FIELDS } from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';
import type { GlueColumn } from './types';

/**
 * The Glue type of each enriched-event field kind in the events archive: the self-describing
 * JSON fields stay JSON text, integers are 32-bit as in Snowplow's atomic schema.
 */
export const EVENT_GLUE_TYPES: Readonly<Record<FieldKind, string>> = {
  string: 'string',
  timestamp: 'timestamp',
  integer: 'int',
  double: 'double',
  boolean: 'boolean',
  contexts: 'string',
  unstruct: 'string',
};

/** The partition column of the events archive: the event's collector date, `YYYY-MM-DD` (UTC). */
export const EVENTS_PARTITION: GlueColumn = { name: 'date', type: 'string', comment: 'Collector date of the event, YYYY-MM-DD (UTC): the partition' };

/** The events archive's columns: every enriched-event field, in TSV order (the partition column apart). */
export function eventsColumns(): GlueColumn[] {
  return ENRICHED_FIELDS.map((field) => ({ name: field.name, type: EVENT_GLUE_TYPES[field.kind], comment: `Snowplow enriched event field ${field.index + 1} (${field.kind})` }));
}
