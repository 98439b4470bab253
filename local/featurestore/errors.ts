/** Errors of the local Feature Store runtime: the ones sent on the wire and the local ones. */

/** Base class of every error thrown by `local/featurestore`. */
export class LocalFeatureStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalFeatureStoreError';
  }
}

/**
 * An error the service answers with: `__type` and status are the ones the Feature Store runtime
 * model gives, so the SDK raises the same exception class as against AWS.
 */
export class FeatureStoreApiError extends LocalFeatureStoreError {
  /** The error name on the wire (`x-amzn-ErrorType` and `__type`). */
  readonly type: string;
  /** The HTTP status. */
  readonly status: number;

  constructor(type: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

/** The request is not valid (HTTP 400). */
export class ValidationError extends FeatureStoreApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ValidationError', 400, message, options);
  }
}

/** The feature group does not exist (HTTP 404). */
export class ResourceNotFound extends FeatureStoreApiError {
  /** The name or ARN that was asked for. */
  readonly featureGroupName: string;

  constructor(featureGroupName: string) {
    super('ResourceNotFound', 404, resourceNotFoundMessage(featureGroupName));
    this.featureGroupName = featureGroupName;
  }
}

/** The service failed (HTTP 500); the SDK retries these. */
export class InternalFailure extends FeatureStoreApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InternalFailure', 500, message, options);
  }
}

/** No operation is served at that method and path (HTTP 404). */
export class UnknownOperationException extends FeatureStoreApiError {
  constructor(method: string, path: string) {
    super('UnknownOperationException', 404, `No operation is served at ${method} ${path}`);
  }
}

/** The message AWS gives when a feature group does not exist. */
export function resourceNotFoundMessage(featureGroupName: string): string {
  return `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${featureGroupName}`;
}

/** The write-ahead log or snapshot on disk cannot be read back. */
export class CorruptStoreError extends LocalFeatureStoreError {
  /** The file that is corrupt. */
  readonly path: string;

  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(`feature store data at ${path} is corrupt: ${detail}`, options);
    this.name = 'CorruptStoreError';
    this.path = path;
  }
}

/** A write to the write-ahead log failed; the store refuses further writes. */
export class StoreWriteError extends LocalFeatureStoreError {
  constructor(path: string, options?: { cause?: unknown }) {
    super(`could not make a write durable in ${path}`, options);
    this.name = 'StoreWriteError';
  }
}

/** Writing buffered offline rows as Parquet failed. */
export class OfflineStoreFlushError extends LocalFeatureStoreError {
  /** The feature group whose rows could not be written. */
  readonly featureGroupName: string;

  constructor(featureGroupName: string, path: string, options?: { cause?: unknown }) {
    super(`could not write offline store file ${path} of feature group '${featureGroupName}'`, options);
    this.name = 'OfflineStoreFlushError';
    this.featureGroupName = featureGroupName;
  }
}

/** The service could not start (port in use, bad options, unreadable data directory). */
export class FeatureStoreStartError extends LocalFeatureStoreError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the local Feature Store could not start: ${detail}`, options);
    this.name = 'FeatureStoreStartError';
  }
}
