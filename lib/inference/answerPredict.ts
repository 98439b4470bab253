import { PredictBatchRequestSchema, PredictRequestSchema, type PredictBatchResponse, type PredictResponse } from '../../schemas/predict';
import { InvalidPredictRequestError } from './errors';
import { parsePredictBody } from './parsePredictBody';
import { predictBatch, type PredictDependencies, type PredictOptions } from './predictBatch';

/** An answer of the inference API: a status and a JSON body. */
export interface PredictAnswer {
  readonly statusCode: number;
  readonly body: PredictResponse | PredictBatchResponse | { readonly message: string; readonly problems?: readonly string[] };
}

/** The request as the API hands it over: the raw body. */
export interface PredictHttpRequest {
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
}

/**
 * `POST /predict`: 400 listing every problem of a bad body; 200 with the prediction (degraded
 * or not) when there is a score; 503 with the same body, `score: null` and the reasons, when
 * the endpoint gave none, so no client takes a missing score for a real one.
 */
export async function answerPredict(request: PredictHttpRequest, deps: PredictDependencies, options?: PredictOptions): Promise<PredictAnswer> {
  try {
    const body = parsePredictBody(request.body, request.isBase64Encoded, PredictRequestSchema);
    const prediction = (await predictBatch([body], deps, options)).predictions[0]!;
    return { statusCode: prediction.score === null ? 503 : 200, body: prediction };
  } catch (error) {
    if (error instanceof InvalidPredictRequestError) return { statusCode: 400, body: { message: error.message, problems: error.problems } };
    throw error;
  }
}

/** `POST /predict/batch`: as {@link answerPredict}, for up to 100 requests (503 when no score came back). */
export async function answerPredictBatch(request: PredictHttpRequest, deps: PredictDependencies, options?: PredictOptions): Promise<PredictAnswer> {
  try {
    const body = parsePredictBody(request.body, request.isBase64Encoded, PredictBatchRequestSchema);
    const batch = await predictBatch(body.requests, deps, options);
    const scored = batch.predictions.every((prediction) => prediction.score !== null);
    return { statusCode: scored ? 200 : 503, body: { predictions: batch.predictions, latency_ms: batch.latencyMs, degraded: batch.degraded } };
  } catch (error) {
    if (error instanceof InvalidPredictRequestError) return { statusCode: 400, body: { message: error.message, problems: error.problems } };
    throw error;
  }
}
