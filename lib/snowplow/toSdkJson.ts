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

/**
 * Adds a contexts field's contexts to `out`, grouped by shredded name. A schema in both contexts
 * and derived_contexts takes the derived ones, as the SDK does: the first of a name in this field
 * replaces what an earlier field put there.
 */
function shredContexts(out: SdkJson, contexts: ContextsJson): void {
  const seen: string[] = [];
  for (const context of contexts.data) {
    const key = shreddedName('contexts', context.schema);
    if (seen.includes(key)) (out[key] as unknown[]).push(context.data);
    else {
      seen.push(key);
      out[key] = [context.data];
    }
  }
}

/** Adds the unstruct event's data to `out` under its shredded name. */
function shredUnstruct(out: SdkJson, unstruct: UnstructJson): void {
  out[shreddedName('unstruct_event', unstruct.data.schema)] = unstruct.data.data;
}

/**
 * The body of the converter, generated from the schema's field list: one straight-line statement
 * per field, so every property store has its own site and constant key. A loop over per-field
 * closures was three times slower, its one store site seeing all 131 keys.
 */
function generateSource(): string {
  const lines = ['const line = event.line, o = event.offsets, s = event.scalars, out = {};', 'let a, b;'];
  for (const { index, name, kind } of ENRICHED_FIELDS) {
    const key = JSON.stringify(name);
    const slot = SCALAR_SLOT[index];
    const value = {
      string: 'line.slice(a, b)',
      timestamp: `line.slice(a, a + 10) + "T" + line.slice(a + 11, b) + "Z"`,
      integer: `s[${slot}]`,
      double: `s[${slot}]`,
      boolean: `s[${slot}] === 1`,
    } as Record<string, string>;
    lines.push(`a = o[${index}]; b = o[${index + 1}] - 1;`);
    if (kind === 'contexts') lines.push(`if (a !== b) shredContexts(out, event[${key}]);`);
    else if (kind === 'unstruct') lines.push(`if (a !== b) shredUnstruct(out, event[${key}]);`);
    else lines.push(`if (a !== b) out[${key}] = ${value[kind]};`);
  }
  const lat = FIELD_INDEX.geo_latitude;
  const lon = FIELD_INDEX.geo_longitude;
  lines.push(
    `if (o[${lat}] !== o[${lat + 1}] - 1 && o[${lon}] !== o[${lon + 1}] - 1)`,
    `  out.geo_location = line.slice(o[${lat}], o[${lat + 1}] - 1) + "," + line.slice(o[${lon}], o[${lon + 1}] - 1);`,
    'return out;',
  );
  return lines.join('\n');
}

// The generated code reads only the schema's own field names and numbers; nothing from input.
const convert = new Function('shredContexts', 'shredUnstruct', `return function toSdkJson(event) {\n${generateSource()}\n};`)(
  shredContexts,
  shredUnstruct,
) as (event: EnrichedEventRecord) => SdkJson;

/**
 * Turns a parsed event into the analytics SDKs' JSON, with the same keys, values and key order as
 * `transform` of the `snowplow-analytics-sdk` npm package.
 *
 * Throws an `InvalidFieldError` when a self-describing JSON field is invalid; use
 * `parseToSdkJson` to get a bad row instead.
 */
export function toSdkJson(event: EnrichedEventRecord): SdkJson {
  return convert(event);
}
