import { z } from 'zod';
import { contextProblems } from '../lib/model/toFeatureVector';

/** The most users one `POST /predict/batch` may ask for. */
export const MAX_BATCH_PREDICTIONS = 100;

/**
 * The most online records one request may need: BatchGetRecord's own limit, so a batch is always
 * one round trip (distinct users plus distinct SKUs, a record the cache holds included).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_BatchGetRecord.html
 */
export const MAX_RECORDS_PER_REQUEST = 100;

const identifier = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

/**
 * The body of `POST /predict`: the user (Snowplow `domain_userid`), optionally the product the
 * question is about, and request-time values that override model inputs by name.
 *
 * @example
 * ```json
 * { "domain_userid": "0f0e2b1c-6a57-4a4c-9d1f-0c6b0e7d8a11", "sku": "SKU-0042", "context": { "device_class": "Phone" } }
 * ```
 */
export const PredictRequestSchema = z.strictObject({
  domain_userid: identifier,
  sku: identifier.optional(),
  context: z
    .record(z.string(), z.union([z.number(), z.string()]))
    .optional()
    .superRefine((context, ctx) => {
      for (const problem of contextProblems(context ?? {})) {
        const key = problem.slice(0, problem.indexOf(':'));
        ctx.addIssue({ code: 'custom', path: [key], message: problem.slice(key.length + 2) });
      }
    }),
});

/** A predict request, validated. */
export type PredictRequest = z.infer<typeof PredictRequestSchema>;

/**
 * The body of `POST /predict/batch`: up to {@link MAX_BATCH_PREDICTIONS} predict requests,
 * needing at most {@link MAX_RECORDS_PER_REQUEST} distinct online records.
 *
 * @example
 * ```json
 * { "requests": [{ "domain_userid": "a1" }, { "domain_userid": "b2", "sku": "SKU-0007" }] }
 * ```
 */
export const PredictBatchRequestSchema = z
  .strictObject({
    requests: z.array(PredictRequestSchema).min(1, 'must hold at least one request').max(MAX_BATCH_PREDICTIONS, `must hold at most ${MAX_BATCH_PREDICTIONS} requests`),
  })
  .superRefine((body, ctx) => {
    const users = new Set(body.requests.map((request) => request.domain_userid));
    const skus = new Set(body.requests.flatMap((request) => (request.sku === undefined ? [] : [request.sku])));
    if (users.size + skus.size > MAX_RECORDS_PER_REQUEST) {
      ctx.addIssue({
        code: 'custom',
        path: ['requests'],
        message: `needs ${users.size} users and ${skus.size} SKUs, ${users.size + skus.size} online records; one BatchGetRecord reads at most ${MAX_RECORDS_PER_REQUEST}`,
      });
    }
  });

/** A batch predict request, validated. */
export type PredictBatchRequest = z.infer<typeof PredictBatchRequestSchema>;

/** Why an answer is degraded: which dependency failed and how. */
export const DEGRADED_CODES = ['feature_store_timeout', 'feature_store_error', 'endpoint_timeout', 'endpoint_error', 'deadline_exceeded'] as const;

/** One reason an answer is degraded. */
export const DegradedReasonSchema = z.object({ code: z.enum(DEGRADED_CODES), message: z.string() });

/** One reason an answer is degraded. */
export type DegradedReason = z.infer<typeof DegradedReasonSchema>;

/**
 * One prediction as the API answers it. `score` is the model's probability, or `null` when the
 * endpoint gave none (never a made-up number); `degraded` says whether anything fell back.
 *
 * @example
 * ```json
 * { "domain_userid": "a1", "score": 0.137, "model_version": "propensity-xgb-20261122T051055Z-058845b",
 *   "features": { "page_views_1h": 3, "device_class": "Phone" }, "defaulted_features": ["page_views_5m"],
 *   "feature_age_s": 4.2, "latency_ms": 3.1, "degraded": false, "degraded_reasons": [] }
 * ```
 */
export const PredictResponseSchema = z.object({
  domain_userid: z.string(),
  sku: z.string().optional(),
  score: z.number().min(0).max(1).nullable(),
  model_version: z.string().nullable(),
  features: z.record(z.string(), z.union([z.number(), z.string()])),
  defaulted_features: z.array(z.string()),
  feature_age_s: z.number().nonnegative().nullable(),
  latency_ms: z.number().nonnegative(),
  degraded: z.boolean(),
  degraded_reasons: z.array(DegradedReasonSchema),
});

/** One prediction as the API answers it. */
export type PredictResponse = z.infer<typeof PredictResponseSchema>;

/** The answer of `POST /predict/batch`: one prediction per request, in request order. */
export const PredictBatchResponseSchema = z.object({
  predictions: z.array(PredictResponseSchema),
  latency_ms: z.number().nonnegative(),
  degraded: z.boolean(),
});

/** The answer of `POST /predict/batch`. */
export type PredictBatchResponse = z.infer<typeof PredictBatchResponseSchema>;
