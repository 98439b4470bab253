import { z } from 'zod';
import { FORWARDED_HEADERS } from '../constants';
import { invokeModelServer, pingModelServer } from '../callModelServer';
import type { EndpointStore } from '../endpointStore';
import { ContainerTimeoutError, ContainerUnreachableError, ModelNotReadyException, ServiceUnavailable, ValidationError } from '../errors';
import { modelErrorFor, timeoutMessage } from '../modelErrorFor';
import { validateInput } from '../validateInput';

const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const maxLength = (n: number) => ({ error: `Member must have length less than or equal to ${n}` });
const header = (n: number) => z.string().max(n, maxLength(n)).optional();

/**
 * InvokeEndpoint's input as the SDK sends it: the endpoint name from the path, the body, and
 * the headers SageMaker reads, with the API's constraints.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html
 */
export const InvokeEndpointInput = z.object({
  EndpointName: z
    .string()
    .max(63, maxLength(63))
    .regex(ENDPOINT_NAME, { error: 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*' }),
  Body: z.instanceof(Buffer),
  ContentType: header(1024),
  Accept: header(1024),
  CustomAttributes: header(1024),
  TargetModel: header(1024),
  TargetVariant: header(63),
  TargetContainerHostname: header(63),
  InferenceId: header(64),
  EnableExplanations: header(64),
  InferenceComponentName: header(63),
  SessionId: header(256),
});

/** Parsed InvokeEndpoint input. */
export type InvokeEndpointInput = z.infer<typeof InvokeEndpointInput>;

/** InvokeEndpoint's output, as the runtime writes it back (body and headers). */
export interface InvokeEndpointOutput {
  readonly Body: Buffer;
  readonly ContentType?: string;
  readonly InvokedProductionVariant: string;
  readonly CustomAttributes?: string;
}

const forwardedHeaders = (input: InvokeEndpointInput): Record<string, string> => {
  const values: Record<(typeof FORWARDED_HEADERS)[number], string | undefined> = {
    'content-type': input.ContentType,
    accept: input.Accept,
    'x-amzn-sagemaker-custom-attributes': input.CustomAttributes,
    'x-amzn-sagemaker-target-model': input.TargetModel,
    'x-amzn-sagemaker-inference-id': input.InferenceId,
    'x-amzn-sagemaker-enable-explanations': input.EnableExplanations,
  };
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
};

const ensureReady = async (store: EndpointStore, name: string, url: string): Promise<void> => {
  if (store.ready.has(name)) return;
  const ping = await pingModelServer(url, store.pingTimeoutMs);
  if (ping.state === 'down') {
    throw new ServiceUnavailable(`Endpoint ${name} is unavailable: its model server at ${url} is not reachable (${ping.code}).`);
  }
  if (ping.state === 'loading') {
    throw new ModelNotReadyException(`Model for endpoint ${name} is not ready: GET /ping answered ${ping.status}. Retry once it has loaded.`);
  }
  store.ready.add(name);
};

/**
 * InvokeEndpoint: forwards the body, content type and SageMaker headers to the endpoint's model
 * server (POST /invocations) and returns its answer.
 *
 * @throws ValidationError `Endpoint X of account Y not found.` for an unknown endpoint, or for
 * input breaking the API's constraints.
 * @throws ModelError when the container answers an error status, or not within the timeout.
 * @throws ModelNotReadyException when GET /ping is not 200 yet.
 * @throws ServiceUnavailable when the model server cannot be reached.
 */
export const invokeEndpoint = async (store: EndpointStore, raw: Record<string, unknown>): Promise<InvokeEndpointOutput> => {
  const input = validateInput(InvokeEndpointInput, raw);
  const url = store.endpoints.get(input.EndpointName);
  if (url === undefined) throw new ValidationError(`Endpoint ${input.EndpointName} of account ${store.accountId} not found.`);
  await ensureReady(store, input.EndpointName, url);
  let answer;
  try {
    answer = await invokeModelServer(url, { body: input.Body, headers: forwardedHeaders(input) }, store.invocationTimeoutMs);
  } catch (error) {
    if (error instanceof ContainerTimeoutError) {
      throw modelErrorFor(store, input.EndpointName, 0, timeoutMessage(store.containerName));
    }
    if (error instanceof ContainerUnreachableError) {
      store.ready.delete(input.EndpointName);
      throw new ServiceUnavailable(`Endpoint ${input.EndpointName} is unavailable: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (answer.status < 200 || answer.status > 299) {
    throw modelErrorFor(store, input.EndpointName, answer.status, answer.body.toString('utf8'));
  }
  const contentType = answer.headers.get('content-type') ?? undefined;
  const customAttributes = answer.headers.get('x-amzn-sagemaker-custom-attributes') ?? undefined;
  return {
    Body: answer.body,
    InvokedProductionVariant: store.variantName,
    ...(contentType !== undefined ? { ContentType: contentType } : {}),
    ...(customAttributes !== undefined ? { CustomAttributes: customAttributes } : {}),
  };
};
