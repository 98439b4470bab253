import { transform } from 'snowplow-analytics-sdk';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../lib/generator';

describe('generated lines and the reference SDK', () => {
  it('every one of 2,000 lines (late events and duplicates included) passes the SDK transform', () => {
    const failures: string[] = [];
    let count = 0;
    for (const { line } of generateEvents({ events: 2_000, seed: 11, lateRatio: 0.05, duplicateRatio: 0.05 })) {
      count++;
      try {
        const json = transform(line) as unknown as Record<string, unknown>;
        if (typeof json.event_id !== 'string') failures.push(`line ${count}: no event_id`);
      } catch (error) {
        failures.push(`line ${count}: ${(error as Error).message}`);
      }
    }
    expect(count).toBe(2_000);
    expect(failures).toEqual([]);
  });

  it('the SDK finds the contexts and derived contexts of a page view under their schema names', () => {
    const first = generateEvents({ events: 1, seed: 3 }).next();
    if (first.done) throw new Error('no event');
    const json = transform(first.value.line) as unknown as Record<string, unknown>;
    expect(json.event_name).toBe('page_view');
    expect(json.contexts_com_snowplowanalytics_snowplow_web_page_1).toEqual([
      { id: (first.value.event.contexts!.data[0]!.data as { id: string }).id },
    ]);
    const yauaa = json.contexts_nl_basjes_yauaa_context_1 as { deviceClass: string }[];
    expect(yauaa).toHaveLength(1);
    expect(['Desktop', 'Phone', 'Tablet', 'Robot']).toContain(yauaa[0]!.deviceClass);
    expect(json.contexts_com_iab_snowplow_spiders_and_robots_1).toHaveLength(1);
    expect(json.contexts_com_snowplowanalytics_snowplow_ua_parser_context_1).toHaveLength(1);
  });
});
