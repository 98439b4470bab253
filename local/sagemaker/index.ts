export { invokeEndpoint, InvokeEndpointInput, type InvokeEndpointOutput } from './actions/invokeEndpoint';
export { invokeModelServer, pingModelServer, type ContainerResponse, type PingResult } from './callModelServer';
export { FORWARDED_HEADERS, MEDIA_TYPES, SAGEMAKER_DEFAULTS, SAGEMAKER_HEADERS, type ModelMediaType } from './constants';
export { decodeCsv } from './decodeCsv';
export { decodeJson } from './decodeJson';
export { encodePredictions } from './encodePredictions';
export { createEndpointStore, type EndpointStore, type EndpointStoreOptions } from './endpointStore';
export {
  ContainerTimeoutError,
  ContainerUnreachableError,
  InternalFailure,
  MalformedBodyError,
  ModelError,
  ModelNotLoadedError,
  ModelNotReadyException,
  ModelServerError,
  NotAcceptableError,
  PredictionError,
  SageMakerRuntimeError,
  ServiceUnavailable,
  UnknownOperationException,
  UnsupportedContentTypeError,
  ValidationError,
  type ModelErrorDetails,
} from './errors';
export type { Model } from './model';
export { modelErrorFor, timeoutMessage } from './modelErrorFor';
export { mediaTypeOf, requestMediaType, responseMediaType, SUPPORTED_MEDIA_TYPES } from './negotiateMediaType';
export { createPlaceholderModel, PLACEHOLDER_VERSION, type PlaceholderModelOptions } from './placeholderModel';
export { startModelServer, type ModelServerOptions, type ModelServerService } from './startModelServer';
export { startSageMakerRuntime, type SageMakerRuntimeOptions, type SageMakerRuntimeService } from './startSageMakerRuntime';
export { validateInput } from './validateInput';
export { newRequestId, writeError } from './writeWire';
