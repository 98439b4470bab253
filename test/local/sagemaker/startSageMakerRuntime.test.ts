import { createServer, type IncomingHttpHeaders } from 'node:http';
import {
  InvokeEndpointCommand,
  ModelError,
  ModelNotReadyException,
  SageMakerRuntimeClient,
  ServiceUnavailable,
  ValidationError,
} from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../../local/http';
import {
  createPlaceholderModel,
  startModelServer,
  startSageMakerRuntime,
  type ModelServerService,
  type SageMakerRuntimeService,
} from '../../../local/sagemaker';

const cloudWatch = (endpoint: string) =>
  `See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/${endpoint} in account 000000000000 for more information.`;

describe('startSageMakerRuntime through SageMakerRuntimeClient', () => {
  let model: ModelServerService;
  let slow: ModelServerService;
  let loading: ModelServerService;
  let runtime: SageMakerRuntimeService;
  let client: SageMakerRuntimeClient;
  const echoServer = createServer((request, response) => {
    seenByContainer = request.headers;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-echo', 'x-amzn-sagemaker-custom-attributes': 'trace=on' });
      response.end('echoed');
    });
  });
  let seenByContainer: IncomingHttpHeaders = {};
  let deadPort: number;

  beforeAll(async () => {
    model = await startModelServer({ model: createPlaceholderModel({ featureNames: ['views', 'carts'] }) });
    slow = await startModelServer({
      model: { name: 'slow', version: 'test', featureNames: ['x'], predict: () => new Promise((r) => setTimeout(() => r([1]), 1500)) },
    });
    loading = await startModelServer({ model: new Promise(() => undefined) });
    const echo = await listen(echoServer, 0);
    const dead = createServer();
    deadPort = (await listen(dead, 0)).port;
    await closeServer(dead);
    runtime = await startSageMakerRuntime({
      endpoints: {
        churn: model.endpoint,
        'slow-model': slow.endpoint,
        loading: loading.endpoint,
        echo: echo.url,
        down: `http://127.0.0.1:${deadPort}`,
      },
      invocationTimeoutMs: 300,
    });
    client = new SageMakerRuntimeClient({
      endpoint: runtime.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client.destroy();
    await Promise.all([runtime.close(), model.close(), slow.close(), loading.close(), closeServer(echoServer)]);
  });

  const invoke = (input: Omit<ConstructorParameters<typeof InvokeEndpointCommand>[0], 'Body'> & { Body: string }) =>
    client.send(new InvokeEndpointCommand({ ...input, Body: new TextEncoder().encode(input.Body) }));

  it('round-trips a CSV invocation', async () => {
    const output = await invoke({ EndpointName: 'churn', ContentType: 'text/csv', Body: '0,0\n1,3\n' });
    expect(new TextDecoder().decode(output.Body)).toBe('0.5\n0.8807970779778823');
    expect(output.ContentType).toBe('text/csv');
    expect(output.InvokedProductionVariant).toBe('AllTraffic');
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('round-trips a JSON invocation', async () => {
    const output = await invoke({ EndpointName: 'churn', ContentType: 'application/json', Body: '{"instances":[[0,0],[1,3]]}' });
    expect(new TextDecoder().decode(output.Body)).toBe('{"predictions":[{"score":0.5},{"score":0.8807970779778823}]}');
    expect(output.ContentType).toBe('application/json');
  });

  it('honours the Accept header', async () => {
    const output = await invoke({ EndpointName: 'churn', ContentType: 'text/csv', Accept: 'application/json', Body: '1,3' });
    expect(new TextDecoder().decode(output.Body)).toBe('{"predictions":[{"score":0.8807970779778823}]}');
    expect(output.ContentType).toBe('application/json');
  });

  it('forwards the body and SageMaker headers to the container and returns its custom attributes', async () => {
    const output = await invoke({
      EndpointName: 'echo',
      ContentType: 'application/x-anything',
      Accept: 'application/x-echo',
      CustomAttributes: 'c000b4f9-df62-4c85-a0bf-7c525f9104a4',
      TargetModel: 'model-a.tar.gz',
      InferenceId: 'inf-1',
      Body: 'abc',
    });
    expect(new TextDecoder().decode(output.Body)).toBe('echoed');
    expect(output.ContentType).toBe('application/x-echo');
    expect(output.CustomAttributes).toBe('trace=on');
    expect(seenByContainer['content-type']).toBe('application/x-anything');
    expect(seenByContainer.accept).toBe('application/x-echo');
    expect(seenByContainer['x-amzn-sagemaker-custom-attributes']).toBe('c000b4f9-df62-4c85-a0bf-7c525f9104a4');
    expect(seenByContainer['x-amzn-sagemaker-target-model']).toBe('model-a.tar.gz');
    expect(seenByContainer['x-amzn-sagemaker-inference-id']).toBe('inf-1');
    expect(seenByContainer['content-length']).toBe('3');
  });

  it('answers an unknown endpoint with ValidationError as AWS words it', async () => {
    const error = await invoke({ EndpointName: 'nope', ContentType: 'text/csv', Body: '1,2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).name).toBe('ValidationError');
    expect((error as ValidationError).message).toBe('Endpoint nope of account 000000000000 not found.');
    expect((error as ValidationError).$metadata.httpStatusCode).toBe(400);
  });

  it('answers an endpoint name breaking the API pattern with ValidationError', async () => {
    const error = await invoke({ EndpointName: 'bad_name', ContentType: 'text/csv', Body: '1,2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      "1 validation error detected: Value 'bad_name' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*",
    );
  });

  it('surfaces a model server error as ModelError with the original status and message', async () => {
    const error = await invoke({ EndpointName: 'churn', ContentType: 'text/csv', Body: '1,2,3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const modelError = error as ModelError;
    const original = 'Row 1 has 3 values; model placeholder-logistic expects 2: views, carts.';
    expect(modelError.message).toBe(`Received client error (400) from primary with message "${original}". ${cloudWatch('churn')}`);
    expect(modelError.OriginalStatusCode).toBe(400);
    expect(modelError.OriginalMessage).toBe(original);
    expect(modelError.LogStreamArn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/aws/sagemaker/Endpoints/churn');
    expect(modelError.$metadata.httpStatusCode).toBe(424);
  });

  it('surfaces an unsupported content type as ModelError 415 from the container', async () => {
    const error = (await invoke({ EndpointName: 'churn', ContentType: 'application/xml', Body: '<x/>' }).catch((e: unknown) => e)) as ModelError;
    expect(error.name).toBe('ModelError');
    expect(error.OriginalStatusCode).toBe(415);
    expect(error.OriginalMessage).toBe('Content type application/xml is not supported; send one of: text/csv, application/json.');
  });

  it('answers a container slower than the invocation timeout with ModelError (0), as SageMaker does', async () => {
    const error = (await invoke({ EndpointName: 'slow-model', ContentType: 'text/csv', Body: '1' }).catch((e: unknown) => e)) as ModelError;
    const original =
      'Your invocation timed out while waiting for a response from container primary. Review the latency metrics for each container in Amazon CloudWatch, resolve the issue, and try again.';
    expect(error).toBeInstanceOf(ModelError);
    expect(error.OriginalStatusCode).toBe(0);
    expect(error.OriginalMessage).toBe(original);
    expect(error.message).toBe(`Received server error (0) from primary with message "${original}". ${cloudWatch('slow-model')}`);
  });

  it('answers a model still loading with ModelNotReadyException', async () => {
    const error = await invoke({ EndpointName: 'loading', ContentType: 'text/csv', Body: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect((error as ModelNotReadyException).message).toBe('Model for endpoint loading is not ready: GET /ping answered 503. Retry once it has loaded.');
    expect((error as ModelNotReadyException).$metadata.httpStatusCode).toBe(429);
  });

  it('answers a model server that is down with ServiceUnavailable', async () => {
    const error = await invoke({ EndpointName: 'down', ContentType: 'text/csv', Body: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailable);
    expect((error as ServiceUnavailable).message).toBe(
      `Endpoint down is unavailable: its model server at http://127.0.0.1:${deadPort} is not reachable (ECONNREFUSED).`,
    );
    expect((error as ServiceUnavailable).$metadata.httpStatusCode).toBe(503);
  });

  it('serves an endpoint added after start', async () => {
    runtime.setEndpoint('late', model.endpoint);
    const output = await invoke({ EndpointName: 'late', ContentType: 'text/csv', Body: '0,0' });
    expect(new TextDecoder().decode(output.Body)).toBe('0.5');
  });
});
