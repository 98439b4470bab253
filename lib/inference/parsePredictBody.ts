import type { z } from 'zod';
import { InvalidPredictRequestError } from './errors';

/**
 * Parses and validates a JSON request body (API Gateway's `body`, base64 when `isBase64Encoded`).
 *
 * @throws InvalidPredictRequestError listing every problem, each with its field's path
 *   (`requests.2.domain_userid: must not be empty`), or the JSON syntax error.
 * @example
 * ```ts
 * parsePredictBody('{"domain_userid":"a1"}', false, PredictRequestSchema); // { domain_userid: 'a1' }
 * ```
 */
export function parsePredictBody<S extends z.ZodType>(body: string | undefined, isBase64Encoded: boolean, schema: S): z.infer<S> {
  if (body === undefined || body === '') throw new InvalidPredictRequestError(['body: is empty; send a JSON object']);
  let json: unknown;
  try {
    json = JSON.parse(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch (error) {
    throw new InvalidPredictRequestError([`body: is not JSON (${(error as Error).message})`]);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) => {
    const at = issue.path.length === 0 ? 'body' : issue.path.join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${issue.path.length === 0 ? '' : at + '.'}${key}: is not a known field`);
    return [`${at}: ${issue.message}`];
  });
  throw new InvalidPredictRequestError(problems);
}
