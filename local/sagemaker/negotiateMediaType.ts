import { MEDIA_TYPES, type ModelMediaType } from './constants';
import { NotAcceptableError, UnsupportedContentTypeError } from './errors';

const SUPPORTED: readonly ModelMediaType[] = [MEDIA_TYPES.csv, MEDIA_TYPES.json];

/** The bare media type of a `Content-Type` or `Accept` item: `Text/CSV; charset=utf-8` → `text/csv`. */
export const mediaTypeOf = (value: string): string => value.split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * The model server's reading of a request `Content-Type`.
 *
 * @throws UnsupportedContentTypeError (415) for anything but `text/csv` and `application/json`.
 */
export const requestMediaType = (contentType: string | undefined): ModelMediaType => {
  const type = mediaTypeOf(contentType ?? '');
  const found = SUPPORTED.find((supported) => supported === type);
  if (!found) throw new UnsupportedContentTypeError(type, SUPPORTED);
  return found;
};

interface AcceptItem {
  readonly type: string;
  readonly q: number;
  readonly order: number;
}

const parseAccept = (accept: string): AcceptItem[] =>
  accept
    .split(',')
    .map((item, order) => {
      const [type = '', ...params] = item.split(';').map((part) => part.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { type: type.toLowerCase(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((item) => item.type !== '' && Number.isFinite(item.q) && item.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);

const matches = (pattern: string, type: string): boolean =>
  pattern === type || pattern === '*/*' || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1)));

/**
 * Picks the response media type from `Accept`: the highest-q type the server writes; on a
 * tie or a wildcard, the request's own type first. No `Accept` answers in the request's type.
 *
 * @throws NotAcceptableError (406) when nothing in `Accept` can be written.
 */
export const responseMediaType = (accept: string | undefined, requestType: ModelMediaType): ModelMediaType => {
  if (!accept || accept.trim() === '') return requestType;
  const preference = [requestType, ...SUPPORTED.filter((t) => t !== requestType)];
  for (const item of parseAccept(accept)) {
    const found = preference.find((type) => matches(item.type, type));
    if (found) return found;
  }
  throw new NotAcceptableError(accept, SUPPORTED);
};

/** The media types the model server reads and writes, for messages and docs. */
export const SUPPORTED_MEDIA_TYPES = SUPPORTED;
