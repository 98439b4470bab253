import { CACHE_KEY_SEPARATOR } from './constants';
import type { RecordKey } from './types';

/** A record's key in maps and caches: `user_activity#<domain_userid>`. */
export function recordKeyOf(key: RecordKey): string {
  return key.group + CACHE_KEY_SEPARATOR + key.id;
}
