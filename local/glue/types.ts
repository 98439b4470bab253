/** Types of the local Glue merge. */
import type { ShopTable } from '../../schemas/shop';

/** Options of `mergeLake`. */
export interface MergeLakeOptions {
  /**
   * The local landing zone (`<data-dir>/landing`), standing for the landing bucket: the raw DMS
   * files, personal values in clear, under `shop/public/<table>/`.
   */
  readonly landingDir: string;
  /** The local lake root (`<data-dir>/lake`), standing for the lake bucket: `current/<table>/` is written. */
  readonly lakeDir: string;
  /**
   * The pseudonymisation key file, the events archiver's (`<data-dir>/pseudonymisation.key`, read
   * with `FileKeyProvider`); generated only while the lake has no shop table yet.
   */
  readonly keyFile: string;
  /** The shop tables to merge, by name. @default - every table */
  readonly tables?: readonly string[];
  /** The table declarations. @default SHOP_TABLES (schemas/shop.ts) */
  readonly shopTables?: readonly ShopTable[];
  /**
   * `incremental` merges the raw files the table's manifest does not list, with its tombstones;
   * `full` reads every raw file, as the Glue job does. Both give the same state.
   *
   * @default 'incremental'
   */
  readonly mode?: 'incremental' | 'full';
  /** DuckDB threads. @default 1, so the merge leaves a shared machine's other core to the services */
  readonly threads?: number;
  /**
   * Called after a table's new state is written to its temporary file and before it replaces the
   * old one; a throw here is a crash mid-merge. For fault-injection tests. @default - none
   */
  readonly beforeCommit?: (table: string, tempFile: string) => void | Promise<void>;
}

/** What the merge did to one table. */
export interface TableMergeResult {
  /** The shop table. */
  readonly name: string;
  /** Raw DMS rows read: those of the files not merged before (every file with `mode: 'full'`). */
  readonly changesRead: number;
  /** Rows of the current-state file written; 0 when the merge changed nothing and kept the file. */
  readonly rowsWritten: number;
  /** Wall time of the table's merge, in ms. */
  readonly ms: number;
}

/** What `mergeLake` did, table by table. */
export interface MergeLakeResult {
  readonly tables: TableMergeResult[];
}
