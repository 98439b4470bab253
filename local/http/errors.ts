/**
 * Errors raised by the local HTTP layer: listening on a port, reading request bodies and
 * compiling API Gateway route patterns.
 */

/** Base class of every error in `local/http`. */
export class LocalHttpError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalHttpError';
  }
}

/**
 * The port asked for is already taken by another process.
 *
 * @example
 * ```ts
 * try { await listen(server, 4566); } catch (e) { if (e instanceof PortInUseError) console.error(e.port); }
 * ```
 */
export class PortInUseError extends LocalHttpError {
  /** The port that could not be bound. */
  readonly port: number;
  /** The host the server tried to bind on. */
  readonly host: string;

  constructor(port: number, host: string, options?: { cause?: unknown }) {
    super(`Port ${port} on ${host} is already in use by another process; stop it or choose another port.`, options);
    this.name = 'PortInUseError';
    this.port = port;
    this.host = host;
  }
}

/** Listening failed for a reason other than a port in use (no permission, bad host, ...). */
export class ListenError extends LocalHttpError {
  /** The port that could not be bound. */
  readonly port: number;
  /** The host the server tried to bind on. */
  readonly host: string;

  constructor(port: number, host: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot listen on ${host}:${port}: ${reason}`, options);
    this.name = 'ListenError';
    this.port = port;
    this.host = host;
  }
}

/** A request body is larger than the limit the emulated service accepts. */
export class PayloadTooLargeError extends LocalHttpError {
  /** The limit, in bytes. */
  readonly limit: number;

  constructor(limit: number, options?: { cause?: unknown }) {
    super(`Request body exceeds the limit of ${limit} bytes.`, options);
    this.name = 'PayloadTooLargeError';
    this.limit = limit;
  }
}

/** A route given to the local HTTP API is not valid API Gateway route syntax. */
export class InvalidRouteError extends LocalHttpError {
  /** The route key as given, e.g. `GET /api/{proxy+}/x`. */
  readonly routeKey: string;

  constructor(routeKey: string, reason: string, options?: { cause?: unknown }) {
    super(`Invalid route "${routeKey}": ${reason}`, options);
    this.name = 'InvalidRouteError';
    this.routeKey = routeKey;
  }
}

/** A handler returned a result API Gateway would refuse; the client gets 500 Internal Server Error. */
export class MalformedResultError extends LocalHttpError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Malformed Lambda proxy response: ${reason}`, options);
    this.name = 'MalformedResultError';
  }
}

/** The API key file in the data dir exists but holds no usable key. */
export class ApiKeyFileError extends LocalHttpError {
  /** The file. */
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`The API key file ${file} ${reason}; delete it and a new key is generated.`, options);
    this.name = 'ApiKeyFileError';
    this.file = file;
  }
}
