import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer } from '../http/closeServer';
import { PayloadTooLargeError } from '../http/errors';
import { listen } from '../http/listen';
import { readBody } from '../http/readBody';
import type { LocalService, LocalServiceOptions } from '../service';
import { invokeEndpoint, type InvokeEndpointOutput } from './actions/invokeEndpoint';
import { SAGEMAKER_DEFAULTS, SAGEMAKER_HEADERS } from './constants';
import { createEndpointStore, type EndpointStoreOptions } from './endpointStore';
import { InternalFailure, SageMakerRuntimeError, UnknownOperationException, ValidationError } from './errors';
import { newRequestId, writeError } from './writeWire';

/** Options of {@link startSageMakerRuntime}. */
export interface SageMakerRuntimeOptions extends Pick<LocalServiceOptions, 'port' | 'host'>, EndpointStoreOptions {
  /** The largest request body accepted. @default 6 MB, the real-time inference payload limit */
  readonly maxPayloadBytes?: number;
}

/** The running local SageMaker runtime. */
export interface SageMakerRuntimeService extends LocalService {
  readonly port: number;
  /** Points an endpoint name at a model server (added or replaced). */
  setEndpoint(name: string, modelServerUrl: string): void;
}

const INVOCATIONS = /^\/endpoints\/([^/]+)\/invocations$/;
const NOT_SERVED = /^\/endpoints\/([^/]+)\/(async-invocations|invocations-response-stream)$/;

const headerOf = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

const decodeName = (encoded: string): string => {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
};

const writeOutput = (response: ServerResponse, output: InvokeEndpointOutput, requestId: string): void => {
  response.writeHead(200, {
    ...(output.ContentType !== undefined ? { 'Content-Type': output.ContentType } : {}),
    ...(output.CustomAttributes !== undefined ? { 'X-Amzn-SageMaker-Custom-Attributes': output.CustomAttributes } : {}),
    [SAGEMAKER_HEADERS.invokedProductionVariant]: output.InvokedProductionVariant,
    [SAGEMAKER_HEADERS.requestId]: requestId,
    'Content-Length': output.Body.length,
  });
  response.end(output.Body);
};

/**
 * Starts the local SageMaker runtime: `POST /endpoints/{EndpointName}/invocations`, exactly as
 * `@aws-sdk/client-sagemaker-runtime`'s InvokeEndpointCommand sends it, forwarded to the
 * endpoint's model server (see {@link startModelServer}), with AWS's errors on the wire.
 *
 * Signatures are not checked; any static credentials do.
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * ```ts
 * const runtime = await startSageMakerRuntime({ endpoints: { churn: modelServer.endpoint } });
 * const client = new SageMakerRuntimeClient({ endpoint: runtime.endpoint, region: 'us-east-1' });
 * ```
 */
export const startSageMakerRuntime = async (options: SageMakerRuntimeOptions): Promise<SageMakerRuntimeService> => {
  const store = createEndpointStore(options);
  const maxPayloadBytes = options.maxPayloadBytes ?? SAGEMAKER_DEFAULTS.maxPayloadBytes;

  const handle = async (request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const invocation = request.method === 'POST' ? INVOCATIONS.exec(path) : null;
    if (!invocation) {
      request.resume();
      const other = NOT_SERVED.exec(path);
      throw new UnknownOperationException(
        other ? `The local SageMaker runtime does not serve ${other[2]}; only InvokeEndpoint.` : `No operation for ${request.method} ${path}.`,
      );
    }
    let body: Buffer;
    try {
      body = await readBody(request, maxPayloadBytes);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      throw new ValidationError(`Request body exceeds the maximum payload size of ${maxPayloadBytes} bytes for real-time inference.`);
    }
    const output = await invokeEndpoint(store, {
      EndpointName: decodeName(invocation[1] as string),
      Body: body,
      ContentType: headerOf(request, 'content-type'),
      Accept: headerOf(request, 'accept'),
      CustomAttributes: headerOf(request, SAGEMAKER_HEADERS.customAttributes),
      TargetModel: headerOf(request, SAGEMAKER_HEADERS.targetModel),
      TargetVariant: headerOf(request, SAGEMAKER_HEADERS.targetVariant),
      TargetContainerHostname: headerOf(request, SAGEMAKER_HEADERS.targetContainerHostname),
      InferenceId: headerOf(request, SAGEMAKER_HEADERS.inferenceId),
      EnableExplanations: headerOf(request, SAGEMAKER_HEADERS.enableExplanations),
      InferenceComponentName: headerOf(request, SAGEMAKER_HEADERS.inferenceComponent),
      SessionId: headerOf(request, SAGEMAKER_HEADERS.sessionId),
    });
    writeOutput(response, output, requestId);
  };

  const server = createServer((request, response) => {
    const requestId = newRequestId();
    handle(request, response, requestId).catch((error: unknown) => {
      const wire = error instanceof SageMakerRuntimeError ? error : new InternalFailure(`Local runtime failure: ${(error as Error).message}`, { cause: error });
      if (response.headersSent) response.destroy();
      else writeError(response, wire, requestId);
    });
  });
  const { port, url } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    name: 'sagemaker',
    endpoint: url,
    port,
    setEndpoint: (name, modelServerUrl) => {
      store.endpoints.set(name, modelServerUrl);
      store.ready.delete(name);
    },
    close: () => closeServer(server),
  };
};
