import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KinesisStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { FileKeyProvider, Pseudonymiser, type PseudonymiserOptions } from '../../lib/privacy';
import type { KinesisBatchHandler } from '../esm/types';
import { PSEUDONYMISATION } from '../../stacks/config';
import { DATA_DIR_LAYOUT } from '../up/constants';
import { createArchiveHandler } from './createArchiveHandler';
import { EventArchive } from './EventArchive';
import type { ArchiveBufferOptions } from './types';

/** Options of {@link createLocalArchiver}. */
export interface LocalArchiverOptions {
  /** The stack's data dir: the lake is `<dataDir>/lake`, the key `<dataDir>/pseudonymisation.key`. */
  readonly dataDir: string;
  /** @default DEFAULT_ARCHIVE_BUFFER */
  readonly buffer?: ArchiveBufferOptions;
  /** How IP addresses are pseudonymised. @default PSEUDONYMISATION (stacks/config.ts) */
  readonly pseudonymisation?: PseudonymiserOptions;
  /** Check the buffer interval on a timer. @default true */
  readonly timer?: boolean;
  /** @default a WARN-level logger */
  readonly logger?: Logger;
}

/** A Kinesis handler that also writes what is staged when the stack stops. */
export type LocalArchiverHandler = KinesisBatchHandler & { close(): Promise<void> };

/**
 * The events archiver as `snowline up` runs it: the key from `<dataDir>/pseudonymisation.key`
 * (generated on first use), staging under `<dataDir>/archiver`, files under
 * `<dataDir>/lake/events/date=YYYY-MM-DD/`. The archive opens on the first batch (writing what a
 * previous run left staged); `close()` writes what is staged, a previous run's included.
 */
export function createLocalArchiver(options: LocalArchiverOptions): LocalArchiverHandler {
  const logger = options.logger ?? new Logger({ serviceName: 'snowline-archiver', logLevel: 'WARN' });
  let ready: Promise<{ archive: EventArchive; handle: ReturnType<typeof createArchiveHandler> }> | undefined;
  const start = async () => {
    const pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(options.dataDir, DATA_DIR_LAYOUT.pseudonymisationKey) }), options.pseudonymisation ?? PSEUDONYMISATION);
    const archive = await EventArchive.open({
      lakeDir: join(options.dataDir, DATA_DIR_LAYOUT.lake),
      stagingDir: join(options.dataDir, DATA_DIR_LAYOUT.archiver),
      ...(options.buffer === undefined ? {} : { buffer: options.buffer }),
      timer: options.timer ?? true,
      onError: (error) => logger.error('archive flush failed', { error }),
    });
    return { archive, handle: createArchiveHandler({ archive, pseudonymiser, logger }) };
  };
  const opened = () =>
    (ready ??= start().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
  const handler = async (event: KinesisStreamEvent) => (await opened()).handle(event);
  return Object.assign(handler, {
    close: async () => {
      // A run that got no batch still writes what a previous run left staged.
      if (ready === undefined && !(await hasStagedSegments(join(options.dataDir, DATA_DIR_LAYOUT.archiver)))) return;
      const { archive } = await opened().catch(() => ({ archive: undefined }));
      await archive?.close();
    },
  });
}

/** Whether the staging dir holds segment files. */
async function hasStagedSegments(stagingDir: string): Promise<boolean> {
  const names = await readdir(stagingDir).catch(() => [] as string[]);
  return names.some((name) => name.endsWith('.jsonl'));
}
