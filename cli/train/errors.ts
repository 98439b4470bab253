/** Errors of `snowline train`. Each says what to do. */

/** The Python trainer could not run or failed. */
export class TrainerFailedError extends Error {
  constructor(
    /** The command that ran. */
    readonly command: string,
    /** Its exit code, or null when it could not start. */
    readonly exitCode: number | null,
    /** The end of its stderr. */
    readonly stderrTail: string,
    options?: { cause?: unknown },
  ) {
    super(
      exitCode === null
        ? `could not run ${command} (${(options?.cause as Error)?.message ?? 'unknown error'}); it needs Debian's python3-xgboost 1.7 (apt-get install python3-xgboost), or pass --python`
        : `${command} exited with ${exitCode}: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`,
      options,
    );
    this.name = 'TrainerFailedError';
  }
}
