/** Errors of `snowline up` and of the tools that read its endpoints. */

/** Base class of every error thrown by `local/up`. */
export class LocalStackError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A service's port is taken (or cannot be used); names the option that changes it. */
export class ServicePortInUseError extends LocalStackError {
  /** The port. */
  readonly port: number;
  /** The service that wanted it, e.g. `kinesis`. */
  readonly service: string;
  /** The option that changes it, e.g. `--kinesis-port`. */
  readonly option: string;

  constructor(port: number, service: string, option: string, reason = 'is in use', options?: { cause?: unknown }) {
    super(`port ${port} ${reason} (${service}); choose another with ${option}`, options);
    this.name = 'ServicePortInUseError';
    this.port = port;
    this.service = service;
    this.option = option;
  }
}

/** Two services were given the same port. */
export class ServicePortConflictError extends LocalStackError {
  /** The port. */
  readonly port: number;
  /** The two options that name it. */
  readonly options: readonly [string, string];

  constructor(port: number, first: string, second: string) {
    super(`${first} and ${second} both ask for port ${port}; give each service its own port`);
    this.name = 'ServicePortConflictError';
    this.port = port;
    this.options = [first, second];
  }
}

/** Another `snowline up` is running on the same data dir. */
export class DataDirInUseError extends LocalStackError {
  /** The data dir. */
  readonly dataDir: string;
  /** The process that holds it. */
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(`another snowline up (pid ${pid}) is using ${dataDir}; stop it first, or choose another --data-dir`);
    this.name = 'DataDirInUseError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

/** A service failed to start; the others were stopped again. */
export class ServiceStartError extends LocalStackError {
  /** The service, e.g. `postgres`. */
  readonly service: string;

  constructor(service: string, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`${service} did not start: ${reason}`, options);
    this.name = 'ServiceStartError';
    this.service = service;
  }
}

/** No `endpoints.json` in the data dir: the stack is not running there. */
export class EndpointsNotFoundError extends LocalStackError {
  /** The file that was looked for. */
  readonly file: string;

  constructor(file: string, dataDir: string) {
    super(`no ${file}: the local stack is not running on ${dataDir}; start it with: snowline up --data-dir ${dataDir}`);
    this.name = 'EndpointsNotFoundError';
    this.file = file;
  }
}

/** `endpoints.json` is not what `snowline up` writes. */
export class InvalidEndpointsFileError extends LocalStackError {
  /** The file. */
  readonly file: string;

  constructor(file: string, detail: string, options?: { cause?: unknown }) {
    super(`${file} is not a valid endpoints file: ${detail}`, options);
    this.name = 'InvalidEndpointsFileError';
    this.file = file;
  }
}

/** A service's worker thread ended while the stack ran: the stack cannot go on without it. */
export class ServiceThreadDiedError extends LocalStackError {
  /** The service (`kinesis`, `dynamodb`, `featurestore`). */
  readonly service: string;

  constructor(service: string, reason: string) {
    super(`the ${service} service's thread died (${reason}); snowline up cannot go on without it`);
    this.name = 'ServiceThreadDiedError';
    this.service = service;
  }
}
