import { transform } from 'snowplow-analytics-sdk';

/**
 * The reference SDK's JSON for a line, with its one non-canonical key renamed: the npm package
 * calls field 121 `refr_device_tstamp`, the canonical name (and ours) is `refr_dvce_tstamp`.
 * Key order is kept, so order can be compared too.
 */
export function referenceSdkJson(line: string): Record<string, unknown> {
  const theirs = transform(line) as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(theirs).map(([k, v]) => [k === 'refr_device_tstamp' ? 'refr_dvce_tstamp' : k, v]));
}
