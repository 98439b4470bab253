import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { generateEvents } from '../lib/generator/generateEvents';
import { FIELD_INDEX } from '../schemas/enriched-event';
import { eventTime, parseEnrichedEvent, parseToSdkJson } from '../lib/snowplow';
import { fieldOffsets } from '../lib/snowplow/fieldOffsets';
import { measureThroughput, median } from './measure';

// The reference SDK is a webpack bundle whose named exports Node's ESM loader cannot see.
const { transform } = createRequire(import.meta.url)('snowplow-analytics-sdk') as { transform: (line: string) => unknown };

/**
 * What the hot path reads: the fields the report and feature handlers use, contexts untouched.
 * Returns a value so the work cannot be optimised away.
 */
export function readHotFields(line: string): unknown {
  const result = parseEnrichedEvent(line);
  if (!result.ok) return result.badRow;
  const e = result.event;
  return [
    e.event_id, e.event_name, eventTime(e), e.domain_userid, e.domain_sessionid, e.user_id, e.page_urlpath,
    e.refr_medium, e.refr_source, e.geo_country, e.se_action, e.se_label, e.tr_currency, e.tr_total, e.tr_total_base,
    e.ti_sku, e.ti_quantity,
  ];
}

const JSON_COLUMNS = [FIELD_INDEX.contexts, FIELD_INDEX.unstruct_event, FIELD_INDEX.derived_contexts];

/** JSON.parse of the line's three self-describing JSON fields, found with the same field scan. */
function parseJsonFieldsOnly(line: string): unknown {
  const offsets = fieldOffsets(line);
  if (typeof offsets === 'number') return offsets;
  let last: unknown;
  for (const i of JSON_COLUMNS) {
    const start = offsets[i]!;
    const end = offsets[i + 1]! - 1;
    if (start !== end) last = JSON.parse(line.slice(start, end));
  }
  return last;
}

/**
 * `npm run bench -- parse [--events N] [--rounds R] [--seed S]`: events per second on one core of
 * the reference SDK's `transform`, our full SDK-compatible JSON, and our hot path, on the same
 * generated events in one process, with the ratios to the SDK.
 */
export async function benchParse(args: readonly string[]): Promise<unknown> {
  const { values } = parseArgs({
    args: [...args],
    options: { events: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } },
  });
  const events = Number(values.events);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(events) || events < 1000) throw new Error(`--events expects a whole number of at least 1000, got "${values.events}"`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds expects a whole number of at least 1, got "${values.rounds}"`);
  const lines = Array.from(generateEvents({ events, seed: Number(values.seed) }), (e) => e.line);
  const sizes = lines.map((l) => Buffer.byteLength(l));

  // Same input, same process, interleaved rounds: the figures are comparable with each other.
  // `jsonParseOnly` is JSON.parse of the three JSON fields and nothing else: the ceiling for any
  // parser that builds the SDK's objects, ours and the SDK's alike.
  const results = measureThroughput(
    lines,
    { sdk: transform, full: parseToSdkJson, hot: readHotFields, jsonParseOnly: parseJsonFieldsOnly },
    rounds,
  );
  const sdk = results.sdk!.median;
  return {
    benchmark: 'parse',
    events,
    rounds,
    meanEventBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
    medianEventBytes: median(sizes),
    eventsPerSecond: results,
    ratioToSdk: {
      full: round2(results.full!.median / sdk),
      hot: round2(results.hot!.median / sdk),
      jsonParseOnly: round2(results.jsonParseOnly!.median / sdk),
    },
    targets: { full: 4, hot: 20 },
    node: process.version,
    cpu: os.cpus()[0]?.model,
    loadAverage1m: round2(os.loadavg()[0]!),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
