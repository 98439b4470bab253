import type { GeneratedEvent } from '../../lib/generator';
import { median } from '../measure';

/** The `traffic` block both the reports and the features benchmarks print. */
export function describeTraffic(sample: readonly GeneratedEvent[], rate: number, generatedSeconds: number) {
  const sizes = sample.map((g) => Buffer.byteLength(g.line));
  return {
    description: `the shop generator calibrated to ${rate} events/s (Zipf visitors, pages and products, 50,000 users; lateRatio 0.02, duplicateRatio 0.01), after its 8-minute ramp-up, paced to exactly ${rate}/s; partition key domain_userid`,
    generatedSeconds: Math.round(generatedSeconds),
    events: sample.length,
    late: sample.filter((g) => g.late).length,
    duplicates: sample.filter((g) => g.duplicate).length,
    distinctUsers: new Set(sample.map((g) => g.event.domain_userid)).size,
    meanEventBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length),
    medianEventBytes: median(sizes),
  };
}
