import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CheckpointFileError } from './errors';

/** The checkpoint file: the last decided sequence number of each shard of one mapping. */
export const checkpointFileSchema = z.object({
  version: z.literal(1),
  mapping: z.string(),
  streamArn: z.string(),
  shards: z.record(
    z.string(),
    z.object({
      sequenceNumber: z.string().regex(/^\d+$/),
      updatedAt: z.string(),
    }),
  ),
});

/** The parsed checkpoint file. */
export type CheckpointFile = z.infer<typeof checkpointFileSchema>;

/**
 * Per-shard checkpoints of one mapping, persisted atomically (temp file, fsync, rename, fsync of
 * the directory) so a crash leaves either the old or the new file, never a torn one.
 * Without a file the checkpoints live in memory only.
 */
export class CheckpointStore {
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private writes = 0;

  private constructor(
    readonly file: string | undefined,
    private readonly state: CheckpointFile,
  ) {}

  /** Loads the checkpoints from `file` (absent file: none yet). */
  static async open(mapping: string, streamArn: string, file: string | undefined): Promise<CheckpointStore> {
    const empty: CheckpointFile = { version: 1, mapping, streamArn, shards: {} };
    if (file === undefined) return new CheckpointStore(file, empty);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new CheckpointStore(file, empty);
      throw new CheckpointFileError(mapping, file, 'cannot be read', { cause: err });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CheckpointFileError(mapping, file, 'is not valid JSON', { cause: err });
    }
    const parsed = checkpointFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CheckpointFileError(mapping, file, `is malformed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    if (parsed.data.streamArn !== streamArn) {
      throw new CheckpointFileError(mapping, file, `belongs to ${parsed.data.streamArn}, not ${streamArn}`);
    }
    return new CheckpointStore(file, parsed.data);
  }

  /** The last checkpointed sequence number of a shard. */
  get(shardId: string): string | undefined {
    return this.state.shards[shardId]?.sequenceNumber;
  }

  /** Records a shard's checkpoint and resolves once it is on disk. */
  save(shardId: string, sequenceNumber: string, now: number = Date.now()): Promise<void> {
    this.state.shards[shardId] = { sequenceNumber, updatedAt: new Date(now).toISOString() };
    if (this.file === undefined) return Promise.resolve();
    // Saves that arrive while a write is queued share it: it writes the newest state.
    if (this.queued === undefined) {
      const write = this.chain.then(() => {
        this.queued = undefined;
        return this.writeNow();
      });
      this.queued = write;
      this.chain = write.catch(() => undefined);
    }
    return this.queued;
  }

  /** Resolves when every write so far has finished. */
  async drain(): Promise<void> {
    await this.chain;
  }

  private async writeNow(): Promise<void> {
    const file = this.file!;
    const text = `${JSON.stringify(this.state, null, 2)}\n`;
    const temp = `${file}.${process.pid}.${++this.writes}.tmp`;
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
