/** Options, handle and counters of the running replicator. */
import type { ShopTable } from '../../schemas/shop';
import type { LocalService } from '../service';
import type { WrittenFile } from './types';

/** Options of {@link startReplicator}. */
export interface ReplicatorOptions {
  /** The source database (`pg` connection string; the user must be allowed to replicate). */
  readonly endpoint: string;
  /**
   * The landing zone's root (the landing bucket locally, `<dataDir>/landing`, outside the lake):
   * files go to `shop/public/<table>/`. DMS writes personal values in clear; only the merge reads them.
   */
  readonly landingDir: string;
  /** The replication slot. @default 'snowline_dms' */
  readonly slot?: string;
  /** The tables to replicate (changes of other tables are skipped). @default SHOP_TABLES */
  readonly tables?: readonly ShopTable[];
  /** How often new changes are read and written, in ms. Range 10-600000. @default 1000 */
  readonly flushIntervalMs?: number;
  /** Slot rows read per batch (whole transactions always). @default 20000 */
  readonly maxChangesPerBatch?: number;
  /** Rows per full-load file. @default 100000 */
  readonly rowsPerLoadFile?: number;
  /** Progress and error lines. @default - silent */
  readonly log?: (line: string) => void;
  /** Called once per file durably written (full load and CDC). @default - nothing */
  readonly onFile?: (file: WrittenFile) => void;
}

/** Counters of a running replicator. */
export interface ReplicatorStats {
  readonly filesWritten: number;
  /** CDC rows written (a replay after a crash counts again). */
  readonly changesWritten: number;
  readonly transactions: number;
  readonly batches: number;
  /** Batches that failed (retried with back-off; nothing was confirmed). */
  readonly failures: number;
  readonly lastError: string | undefined;
  /** The last replicated commit time, UTC. */
  readonly lastCommitTs: string | undefined;
}

/** A running replicator. `endpoint` is the folder it writes to. */
export interface Replicator extends LocalService {
  readonly name: 'replicator';
  readonly slot: string;
  readonly landingDir: string;
  stats(): ReplicatorStats;
  /** Reads and writes everything committed so far (resolves once the slot is empty). */
  catchUp(): Promise<void>;
  /** Stops the timer, writes what is still in the slot, closes. The slot stays, to resume from. */
  close(): Promise<void>;
}
