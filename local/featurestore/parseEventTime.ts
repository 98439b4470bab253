import { FeatureType } from '../../schemas/feature-group-declaration';

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads an EventTime feature value into epoch milliseconds, or `undefined` when it is not in a
 * format Feature Store accepts for the feature's type.
 *
 * A String event time is ISO-8601 in UTC, `yyyy-MM-dd'T'HH:mm:ssZ` or
 * `yyyy-MM-dd'T'HH:mm:ss.SSSZ`; a Fractional one is Unix time in (fractional) seconds.
 *
 * @example
 * ```ts
 * parseEventTime('2024-05-01T12:00:00.250Z', 'String'); // 1714564800250
 * parseEventTime('1714564800.25', 'Fractional');        // 1714564800250
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html
 */
export function parseEventTime(value: string, type: FeatureType): number | undefined {
  if (type === FeatureType.Fractional) {
    if (!DECIMAL.test(value)) return undefined;
    const seconds = Number(value);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const match = ISO_UTC.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(1));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return valid ? date.getTime() : undefined;
}
