import { ContainerTimeoutError, ContainerUnreachableError } from './errors';

/** What a model server answered to POST /invocations. */
export interface ContainerResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** The state GET /ping reveals: `ready` (200), `loading` (any other status) or `down`. */
export type PingResult = { readonly state: 'ready' } | { readonly state: 'loading'; readonly status: number } | { readonly state: 'down'; readonly code: string };

const failure = (url: string, timeoutMs: number, error: unknown): Error => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new ContainerTimeoutError(url, timeoutMs, { cause: error });
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new ContainerUnreachableError(url, cause?.code ?? cause?.message ?? (error as Error).message, { cause: error });
};

/**
 * Sends an invocation to a model server, as SageMaker forwards it to the container.
 *
 * @throws ContainerTimeoutError when the whole answer takes longer than `timeoutMs`.
 * @throws ContainerUnreachableError when the server cannot be reached.
 */
export const invokeModelServer = async (
  baseUrl: string,
  request: { readonly body: Buffer; readonly headers: Record<string, string> },
  timeoutMs: number,
): Promise<ContainerResponse> => {
  const url = `${baseUrl.replace(/\/$/, '')}/invocations`;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    throw failure(baseUrl, timeoutMs, error);
  }
};

/** Asks a model server whether its model is loaded (GET /ping). Never throws. */
export const pingModelServer = async (baseUrl: string, timeoutMs: number): Promise<PingResult> => {
  try {
    const response = await fetch(`${baseUrl.replace(/\/$/, '')}/ping`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status === 200 ? { state: 'ready' } : { state: 'loading', status: response.status };
  } catch (error) {
    const failed = failure(baseUrl, timeoutMs, error);
    return { state: 'down', code: failed instanceof ContainerUnreachableError ? failed.code : 'timeout' };
  }
};
