import { ENRICHED_FIELDS, FIELD_INDEX } from '../../schemas/enriched-event';
import type { ContextsJson, UnstructJson } from '../../schemas/enriched-event-fields';
import type { EnrichedEventRecord } from './EnrichedEventRecord';
import { SCALAR_SLOT } from './columns';
import { shreddedName } from './selfDescribing';

/**
 * The JSON of Snowplow's analytics SDKs for one event: empty fields omitted, timestamps as
 * ISO-8601 strings, contexts shredded into `contexts_<vendor>_<name>_<model>` arrays, the
 * unstruct event into one `unstruct_event_<vendor>_<name>_<model>` object and `geo_location`
 * as "lat,lon".
 */
export type SdkJson = Record<string, unknown>;

type Writer = (out: SdkJson, event: EnrichedEventRecord, start: number, end: number) => void;

function writerFor(index: number): Writer {
  const { name, kind } = ENRICHED_FIELDS[index]!;
  const slot = SCALAR_SLOT[index]!;
  switch (kind) {
    case 'string':
      return (out, event, start, end) => (out[name] = event.line.slice(start, end));
    case 'timestamp':
      // The SDKs keep the fraction as written: "2013-11-26 00:02:05" becomes "2013-11-26T00:02:05Z".
      return (out, event, start, end) => (out[name] = `${event.line.slice(start, start + 10)}T${event.line.slice(start + 11, end)}Z`);
    case 'integer':
    case 'double':
      return (out, event) => (out[name] = event.scalars[slot]);
    case 'boolean':
      return (out, event) => (out[name] = event.scalars[slot] === 1);
    case 'contexts':
      // Contexts are grouped per field; a schema that is in both contexts and derived_contexts
      // takes the derived ones, as the SDK does.
      return (out, event) => {
        const groups = new Map<string, unknown[]>();
        for (const context of (event[name] as ContextsJson).data) {
          const key = shreddedName('contexts', context.schema);
          const list = groups.get(key);
          if (list === undefined) groups.set(key, [context.data]);
          else list.push(context.data);
        }
        for (const [key, list] of groups) out[key] = list;
      };
    case 'unstruct':
      return (out, event) => {
        const inner = (event[name] as UnstructJson).data;
        out[shreddedName('unstruct_event', inner.schema)] = inner.data;
      };
  }
}

const WRITERS: readonly Writer[] = ENRICHED_FIELDS.map((f) => writerFor(f.index));
const LATITUDE = FIELD_INDEX.geo_latitude;
const LONGITUDE = FIELD_INDEX.geo_longitude;

/**
 * Turns a parsed event into the analytics SDKs' JSON, with the same keys, values and key order as
 * `transform` of the `snowplow-analytics-sdk` npm package.
 *
 * Throws an `InvalidFieldError` when a self-describing JSON field is invalid; use
 * {@link parseToSdkJson} to get a bad row instead.
 */
export function toSdkJson(event: EnrichedEventRecord): SdkJson {
  const out: SdkJson = {};
  const offsets = event.offsets;
  for (let i = 0; i < WRITERS.length; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]! - 1;
    if (start !== end) WRITERS[i]!(out, event, start, end);
  }
  if (!event.isEmpty(LATITUDE) && !event.isEmpty(LONGITUDE)) out.geo_location = `${event.text(LATITUDE)},${event.text(LONGITUDE)}`;
  return out;
}
