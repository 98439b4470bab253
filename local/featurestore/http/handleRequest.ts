import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FeatureStoreApiError, InternalFailure, UnknownOperationException } from '../errors';
import type { FeatureStore } from '../FeatureStore';
import { parseInput } from '../parseInput';
import { OPERATIONS } from './operations';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Serves one HTTP request: finds the operation by method and path, assembles and validates its
 * input, runs its action and answers as the service does. Errors go out as
 * `x-amzn-ErrorType` plus `{"__type", "message"}` with the model's status, which is what the
 * SDK reads to raise `ValidationError`, `ResourceNotFound`, ...
 */
export async function handleRequest(store: FeatureStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathParams: string[] | undefined;
    const operation = OPERATIONS.find((candidate) => {
      if (candidate.method !== request.method) return false;
      const match = candidate.path.exec(url.pathname);
      pathParams = match?.slice(1).map(decodePathParam);
      return match !== null;
    });
    const text = await readBody(request);
    if (operation === undefined) throw new UnknownOperationException(request.method ?? '', url.pathname);
    const body = operation.hasBody ? parseBody(text) : {};
    const input = parseInput(operation.schema, operation.input({ pathParams: pathParams ?? [], query: url.searchParams, body }));
    const output = await operation.action(store, input as never);
    send(response, 200, requestId, {}, output);
  } catch (error) {
    const apiError = error instanceof FeatureStoreApiError ? error : new InternalFailure('An internal failure occurred. Try your request again.', { cause: error });
    send(response, apiError.status, requestId, { 'x-amzn-ErrorType': apiError.type }, { __type: apiError.type, message: apiError.message });
  }
}

/** A malformed escape is left as it is: the input schema then rejects the name. */
function decodePathParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

function send(response: ServerResponse, status: number, requestId: string, headers: Record<string, string>, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...headers,
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FeatureStoreApiError('SerializationException', 400, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FeatureStoreApiError('SerializationException', 400, 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FeatureStoreApiError('SerializationException', 400, 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
