/** SageMaker's names and limits, as the local runtime and model server reproduce them. */

/** The media types the local model server reads and writes. */
export const MEDIA_TYPES = {
  csv: 'text/csv',
  json: 'application/json',
} as const;

/** A media type the model server speaks. */
export type ModelMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** Request and response headers of InvokeEndpoint, lower-cased as Node reads them. */
export const SAGEMAKER_HEADERS = {
  customAttributes: 'x-amzn-sagemaker-custom-attributes',
  targetModel: 'x-amzn-sagemaker-target-model',
  targetVariant: 'x-amzn-sagemaker-target-variant',
  targetContainerHostname: 'x-amzn-sagemaker-target-container-hostname',
  inferenceId: 'x-amzn-sagemaker-inference-id',
  enableExplanations: 'x-amzn-sagemaker-enable-explanations',
  inferenceComponent: 'x-amzn-sagemaker-inference-component',
  sessionId: 'x-amzn-sagemaker-session-id',
  invokedProductionVariant: 'x-Amzn-Invoked-Production-Variant',
  errorType: 'x-amzn-ErrorType',
  requestId: 'x-amzn-RequestId',
} as const;

/** Headers SageMaker passes on to the inference container. */
export const FORWARDED_HEADERS = [
  'content-type',
  'accept',
  SAGEMAKER_HEADERS.customAttributes,
  SAGEMAKER_HEADERS.targetModel,
  SAGEMAKER_HEADERS.inferenceId,
  SAGEMAKER_HEADERS.enableExplanations,
] as const;

/** Defaults of the local SageMaker runtime. */
export const SAGEMAKER_DEFAULTS = {
  accountId: '000000000000',
  region: 'us-east-1',
  /** The variant name SageMaker gives a single-variant endpoint config made by the console. */
  variantName: 'AllTraffic',
  /** The container name SageMaker uses in messages for a single-container model. */
  containerName: 'primary',
  /** Containers must answer /invocations within 60 seconds. */
  invocationTimeoutMs: 60_000,
  /** How long the runtime waits for GET /ping before calling the model not ready. */
  pingTimeoutMs: 2_000,
  /** Real-time endpoints accept request payloads of up to 6 MB. */
  maxPayloadBytes: 6 * 1024 * 1024,
} as const;
