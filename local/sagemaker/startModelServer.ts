import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer } from '../http/closeServer';
import { PayloadTooLargeError } from '../http/errors';
import { listen } from '../http/listen';
import { readBody } from '../http/readBody';
import type { LocalService, LocalServiceOptions } from '../service';
import { MEDIA_TYPES, SAGEMAKER_DEFAULTS } from './constants';
import { decodeCsv } from './decodeCsv';
import { decodeJson } from './decodeJson';
import { encodePredictions } from './encodePredictions';
import { MalformedBodyError, ModelNotLoadedError, ModelServerError, PredictionError } from './errors';
import type { Model } from './model';
import { requestMediaType, responseMediaType } from './negotiateMediaType';

/** Options of {@link startModelServer}. */
export interface ModelServerOptions extends Pick<LocalServiceOptions, 'port' | 'host'> {
  /** The model, or its loading: GET /ping answers 503 until the promise resolves. */
  readonly model: Model | Promise<Model>;
  /** The largest request body read. @default 6 MB, SageMaker's real-time payload limit */
  readonly maxPayloadBytes?: number;
}

/** A running model server. */
export interface ModelServerService extends LocalService {
  readonly port: number;
}

const text = (response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

const checkWidths = (rows: readonly (readonly number[])[], model: Model): void => {
  const expected = model.featureNames.length;
  const bad = rows.findIndex((row) => row.length !== expected);
  if (bad === -1) return;
  throw new MalformedBodyError(
    `Row ${bad + 1} has ${rows[bad]?.length} values; model ${model.name} expects ${expected}: ${model.featureNames.join(', ')}.`,
  );
};

const predict = async (model: Model, rows: number[][]): Promise<readonly number[]> => {
  let predictions: readonly number[];
  try {
    predictions = await model.predict(rows);
  } catch (error) {
    throw new PredictionError(`Model ${model.name} failed to predict: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  if (predictions.length !== rows.length) {
    throw new PredictionError(`Model ${model.name} returned ${predictions.length} predictions for ${rows.length} rows.`);
  }
  return predictions;
};

/**
 * Starts a model server honouring SageMaker's inference container contract:
 * - `GET /ping`: 200 once the model is loaded, 503 before;
 * - `POST /invocations`: rows of numbers in `text/csv` (one row per line) or
 *   `application/json` (`{"instances": [[...]]}`, `{"instances": [{"features": [...]}]}`,
 *   `{"features": [...]}` or a bare array; see {@link decodeJson}), one prediction per row out
 *   in the type `Accept` asks for (see {@link encodePredictions}); 415 for another content
 *   type, 406 for an `Accept` it cannot meet, 400 naming the problem for a malformed body.
 *
 * Errors are plain text, as containers answer; SageMaker passes them on as `OriginalMessage`.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html
 * @example
 * ```ts
 * const server = await startModelServer({ model: createPlaceholderModel({ featureNames: ['a', 'b'] }) });
 * ```
 */
export const startModelServer = async (options: ModelServerOptions): Promise<ModelServerService> => {
  let model: Model | undefined;
  let loadError: unknown;
  Promise.resolve(options.model).then(
    (loaded) => (model = loaded),
    (error: unknown) => (loadError = error),
  );
  const maxPayloadBytes = options.maxPayloadBytes ?? SAGEMAKER_DEFAULTS.maxPayloadBytes;

  const loaded = (): Model => {
    if (model) return model;
    if (loadError) throw new ModelNotLoadedError(`The model failed to load: ${(loadError as Error).message ?? String(loadError)}`);
    throw new ModelNotLoadedError('The model is still loading.');
  };

  const invocations = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const ready = loaded();
    const inType = requestMediaType(request.headers['content-type']);
    const outType = responseMediaType(request.headers.accept, inType);
    const body = (await readBody(request, maxPayloadBytes)).toString('utf8');
    const rows = inType === MEDIA_TYPES.csv ? decodeCsv(body) : decodeJson(body);
    checkWidths(rows, ready);
    text(response, 200, encodePredictions(await predict(ready, rows), outType), outType);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/ping' && (request.method === 'GET' || request.method === 'HEAD')) {
      request.resume();
      loaded();
      text(response, 200, '');
    } else if (path === '/invocations' && request.method === 'POST') {
      await invocations(request, response);
    } else {
      request.resume();
      text(response, 404, `No route for ${request.method} ${path}; the container serves GET /ping and POST /invocations.`);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      request.resume();
      if (error instanceof ModelServerError) text(response, error.status, error.message);
      else if (error instanceof PayloadTooLargeError) text(response, 413, error.message);
      else text(response, 500, `Internal error: ${(error as Error).message ?? String(error)}`);
    });
  });
  const { port, url } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { name: 'model-server', endpoint: url, port, close: () => closeServer(server) };
};
