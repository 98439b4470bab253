import { MalformedResultError } from './errors';

/** An HTTP response ready to write: status, headers (repeats as arrays) and body bytes. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const headerValue = (name: string, value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new MalformedResultError(`header "${name}" must be a string, number or boolean.`);
};

const structured = (result: Record<string, unknown>): HttpResponse => {
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedResultError(`statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}.`);
  }
  if (!isRecord(headers)) throw new MalformedResultError('headers must be an object.');
  if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) {
    throw new MalformedResultError('cookies must be an array of strings.');
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new MalformedResultError('body must be a string.');
  }
  if (typeof isBase64Encoded !== 'boolean') throw new MalformedResultError('isBase64Encoded must be a boolean.');
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = headerValue(name, value);
  if (!('content-type' in out)) out['content-type'] = 'text/plain; charset=utf-8';
  if (cookies.length > 0) out['set-cookie'] = cookies as string[];
  const text = body ?? '';
  return { statusCode, headers: out, body: Buffer.from(text, isBase64Encoded ? 'base64' : 'utf8') };
};

/**
 * Turns a Lambda result into the HTTP response API Gateway (payload format 2.0) would send.
 *
 * An object with `statusCode` is a structured response: `headers`, `cookies` (one
 * `set-cookie` each), `body`, `isBase64Encoded`; `multiValueHeaders` belongs to format 1.0
 * and is ignored. Anything else is JSON: API Gateway answers 200 `application/json` with the
 * result as body, a string as it is and any other value serialised.
 *
 * @throws MalformedResultError for a structured response API Gateway would refuse.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export const toHttpResponse = (result: unknown): HttpResponse => {
  if (isRecord(result) && 'statusCode' in result) return structured(result);
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
};
