/**
 * Errors of the local SageMaker runtime (sent on the wire with AWS's names, status codes and
 * fields, as `@aws-sdk/client-sagemaker-runtime` parses them) and of the local model server
 * (plain-text answers of the inference container contract).
 */

/** Base class of the errors InvokeEndpoint returns; `type` is the `x-amzn-ErrorType`. */
export abstract class SageMakerRuntimeError extends Error {
  /** The error name on the wire, e.g. `ValidationError`. */
  abstract readonly type: string;
  /** The HTTP status AWS answers with. */
  abstract readonly status: number;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** The JSON body: `Message` plus any modelled fields. */
  wireBody(): Record<string, unknown> {
    return { Message: this.message };
  }
}

/** 400: the request is invalid, e.g. `Endpoint X of account Y not found.` */
export class ValidationError extends SageMakerRuntimeError {
  readonly type = 'ValidationError';
  readonly status = 400;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

/** The model container's own answer, carried by {@link ModelError}. */
export interface ModelErrorDetails {
  /** The container's status code; 0 when it never answered (timeout). */
  readonly originalStatusCode: number;
  /** The container's response body, or SageMaker's own text when it never answered. */
  readonly originalMessage: string;
  /** The CloudWatch log group ARN of the endpoint. */
  readonly logStreamArn: string;
}

/** 424: the model container answered with an error, or did not answer in time. */
export class ModelError extends SageMakerRuntimeError {
  readonly type = 'ModelError';
  readonly status = 424;
  readonly originalStatusCode: number;
  readonly originalMessage: string;
  readonly logStreamArn: string;

  constructor(message: string, details: ModelErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.originalStatusCode = details.originalStatusCode;
    this.originalMessage = details.originalMessage;
    this.logStreamArn = details.logStreamArn;
  }

  override wireBody(): Record<string, unknown> {
    return {
      LogStreamArn: this.logStreamArn,
      Message: this.message,
      OriginalMessage: this.originalMessage,
      OriginalStatusCode: this.originalStatusCode,
    };
  }
}

/** 429: the model server is up but its model is not loaded (GET /ping is not 200). */
export class ModelNotReadyException extends SageMakerRuntimeError {
  readonly type = 'ModelNotReadyException';
  readonly status = 429;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelNotReadyException';
  }
}

/** 503: the endpoint's model server cannot be reached. */
export class ServiceUnavailable extends SageMakerRuntimeError {
  readonly type = 'ServiceUnavailable';
  readonly status = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceUnavailable';
  }
}

/** 500: the local runtime itself failed. */
export class InternalFailure extends SageMakerRuntimeError {
  readonly type = 'InternalFailure';
  readonly status = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalFailure';
  }
}

/** 404: a path or method that is not a SageMaker runtime operation (or not one served locally). */
export class UnknownOperationException extends SageMakerRuntimeError {
  readonly type = 'UnknownOperationException';
  readonly status = 404;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnknownOperationException';
  }
}

/** Base class of the model server's refusals; the status and plain-text message go on the wire. */
export abstract class ModelServerError extends Error {
  abstract readonly status: number;
}

/** 400: the body cannot be read as rows of numbers; the message names the row and column. */
export class MalformedBodyError extends ModelServerError {
  readonly status = 400;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedBodyError';
  }
}

/** 415: a request content type the model server does not read. */
export class UnsupportedContentTypeError extends ModelServerError {
  readonly status = 415;
  readonly contentType: string;
  constructor(contentType: string, supported: readonly string[]) {
    super(`Content type ${contentType || '(none)'} is not supported; send one of: ${supported.join(', ')}.`);
    this.name = 'UnsupportedContentTypeError';
    this.contentType = contentType;
  }
}

/** 406: no media type in `Accept` that the model server writes. */
export class NotAcceptableError extends ModelServerError {
  readonly status = 406;
  readonly accept: string;
  constructor(accept: string, supported: readonly string[]) {
    super(`Accept type ${accept} is not supported; accept one of: ${supported.join(', ')}.`);
    this.name = 'NotAcceptableError';
    this.accept = accept;
  }
}

/** 503: the model is still loading (or failed to load). */
export class ModelNotLoadedError extends ModelServerError {
  readonly status = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelNotLoadedError';
  }
}

/** 500: the model threw, or returned the wrong number of predictions. */
export class PredictionError extends ModelServerError {
  readonly status = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PredictionError';
  }
}

/** The runtime could not connect to an endpoint's model server (refused, reset, unknown host). */
export class ContainerUnreachableError extends Error {
  readonly url: string;
  readonly code: string;
  constructor(url: string, code: string, options?: { cause?: unknown }) {
    super(`The model server at ${url} is not reachable (${code}).`, options);
    this.name = 'ContainerUnreachableError';
    this.url = url;
    this.code = code;
  }
}

/** The model server did not answer within the invocation timeout. */
export class ContainerTimeoutError extends Error {
  readonly url: string;
  readonly timeoutMs: number;
  constructor(url: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(`The model server at ${url} did not answer within ${timeoutMs} ms.`, options);
    this.name = 'ContainerTimeoutError';
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}
