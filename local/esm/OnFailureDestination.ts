import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OnFailureRecord } from './types';

/**
 * The local on-failure destination: each record is appended as one JSON line to a file and
 * fsync'd before the runner checkpoints past the records it describes, so a discarded batch is
 * never lost silently. Records are also kept in memory and passed to an optional listener.
 */
export class OnFailureDestination {
  /** Records sent by this runner, in order. */
  readonly records: OnFailureRecord[] = [];
  private chain: Promise<void> = Promise.resolve();

  /**
   * @param file JSON-lines file to append to, or undefined to keep records in memory only.
   * @param listener Called after each record is written.
   */
  constructor(
    readonly file: string | undefined,
    private readonly listener?: (record: OnFailureRecord) => void | Promise<void>,
  ) {}

  /** Writes a record (serialised with other sends) and resolves once it is durable. */
  send(record: OnFailureRecord): Promise<void> {
    const next = this.chain.then(async () => {
      if (this.file !== undefined) await appendDurably(this.file, `${JSON.stringify(record)}\n`);
      this.records.push(record);
      await this.listener?.(record);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every send so far has finished. */
  async drain(): Promise<void> {
    await this.chain;
  }
}

async function appendDurably(file: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(line, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
