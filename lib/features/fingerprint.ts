import { createHash } from 'node:crypto';

/**
 * A short, stable fingerprint of an event: 72 bits of SHA-1 of its `event_id` (of the whole line
 * when it has none, so a byte-identical copy still matches), base64url, 12 characters. Two events
 * collide with probability about n² / 2^73, negligible for the events of one entity in a day.
 *
 * @example
 * fingerprint('c6ef3124-b53a-4b13-a233-0088f79dcbcb'); // 12 characters of [A-Za-z0-9_-]
 */
export function fingerprint(eventId: string | null, line: string): string {
  return createHash('sha1').update(eventId ?? `line:${line}`).digest('base64url').slice(0, 12);
}
