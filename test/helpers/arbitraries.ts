import fc from 'fast-check';
import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';
import { enrichedLine } from './events';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid enriched timestamp, with or without a fraction. */
export const timestampText = fc
  .record({
    t: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
    fraction: fc.constantFrom('', '.1', '.12', '.123', '.123456'),
  })
  .map(({ t, fraction }) => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}`;
  });

const vendor = fc.constantFrom('com.snowplowanalytics.snowplow', 'org.schema', 'nl.basjes', 'com.acme_shop', 'io.X');
const schemaName = fc.constantFrom('web_page', 'WebPage', 'yauaa_context', 'PerformanceTiming', 'add_to_cart', 'ABTest');
const iglu = fc
  .tuple(vendor, schemaName, fc.nat(20), fc.nat(9), fc.nat(9))
  .map(([v, n, m, r, a]) => `iglu:${v}/${n}/jsonschema/${m}-${r}-${a}`);
const data = fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null && typeof v === 'object');
const selfDescribing = fc.record({ schema: iglu, data });

/** A valid contexts field. */
export const contextsText = fc
  .array(selfDescribing, { minLength: 0, maxLength: 4 })
  .map((d) => JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1', data: d }));

/** A valid unstruct_event field. */
export const unstructText = selfDescribing.map((d) =>
  JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: d }),
);

const noTabs = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\t\n\r]/g, ' '));

const VALID_TEXT: Record<FieldKind, fc.Arbitrary<string>> = {
  string: noTabs,
  timestamp: timestampText,
  integer: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String),
  double: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => String(Object.is(n, -0) ? 0 : n)),
    fc.integer({ min: 0, max: 100000 }).map((n) => (n / 100).toFixed(2)),
  ),
  boolean: fc.constantFrom('0', '1'),
  contexts: contextsText,
  unstruct: unstructText,
};

/** A valid enriched line: any field may be empty, the rest hold valid values of their kind. */
export const validEnrichedLine = fc
  .record(
    Object.fromEntries(ENRICHED_FIELDS.map((f) => [f.name, fc.option(VALID_TEXT[f.kind], { nil: '', freq: 2 })])) as Record<
      EnrichedFieldName,
      fc.Arbitrary<string>
    >,
  )
  .map((values) => ENRICHED_FIELDS.map((f) => values[f.name]).join('\t'));

/** A valid line from the sample with one field replaced by arbitrary text. */
export const lineWithArbitraryField = fc
  .tuple(fc.constantFrom(...ENRICHED_FIELDS.map((f) => f.name)), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\t\n]/g, '')))
  .map(([name, value]) => enrichedLine({ [name]: value }));
