/** Errors of `snowline features`. Each says what was asked for and what to do. */

/** Base class of every `snowline features` error. */
export class FeaturesCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeaturesCommandError';
  }
}

/** No `endpoints.json` in the data dir: no local stack runs there. */
export class NoLocalStackError extends FeaturesCommandError {
  constructor(
    /** The data dir as the user gave it (or the default). */
    readonly dataDir: string,
    /** The command that starts a stack there. */
    readonly startCommand: string,
    options?: { cause?: unknown },
  ) {
    super(`no local stack found in ${dataDir}: start one with \`${startCommand}\``, options);
    this.name = 'NoLocalStackError';
  }
}

/** The stack's endpoints are written, but its Feature Store does not answer (a killed `snowline up`). */
export class FeatureStoreUnreachableError extends FeaturesCommandError {
  constructor(
    /** The Feature Store endpoint tried. */
    readonly endpoint: string,
    /** The data dir. */
    readonly dataDir: string,
    /** The command that starts a stack there. */
    readonly startCommand: string,
    options?: { cause?: unknown },
  ) {
    const reason = options?.cause instanceof Error ? options.cause.message || options.cause.name : String(options?.cause);
    super(`the local stack in ${dataDir} does not answer at ${endpoint} (${reason}): start it again with \`${startCommand}\``, options);
    this.name = 'FeatureStoreUnreachableError';
  }
}

/** A feature group that is not declared in `schemas/feature-groups.ts`. */
export class UnknownFeatureGroupError extends FeaturesCommandError {
  constructor(
    /** The name given. */
    readonly group: string,
    /** The declared groups. */
    readonly known: readonly string[],
  ) {
    super(`unknown feature group '${group}': the known groups are ${known.join(', ')}`);
    this.name = 'UnknownFeatureGroupError';
  }
}

/** The running stack does not serve a declared group (it was started with other groups). */
export class FeatureGroupNotServedError extends FeaturesCommandError {
  constructor(
    /** The group asked for. */
    readonly group: string,
    /** The data dir. */
    readonly dataDir: string,
    /** What the stack's Feature Store said. */
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`the local stack in ${dataDir} does not serve feature group '${group}': ${detail}`, options);
    this.name = 'FeatureGroupNotServedError';
  }
}

/** GetRecord found no record with that identifier (never written, deleted, or expired). */
export class RecordNotFoundError extends FeaturesCommandError {
  constructor(
    /** The group. */
    readonly group: string,
    /** The record identifier asked for. */
    readonly recordId: string,
  ) {
    super(`no record '${recordId}' in feature group ${group} (never written, deleted, or expired)`);
    this.name = 'RecordNotFoundError';
  }
}
