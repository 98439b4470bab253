/** Types of the local DMS replicator. */

/** A value `test_decoding` writes for a TOASTed column an UPDATE left unchanged: the value itself is not in the WAL. */
export const UNCHANGED_TOAST = Symbol('unchanged-toast-datum');

/** One `name[type]:value` of a decoded change; `value` is the literal's text, NULL as null. */
export interface DecodedColumn {
  readonly name: string;
  /** The type as `format_type_be` names it, e.g. `numeric`, `timestamp with time zone`. */
  readonly type: string;
  readonly value: string | null | typeof UNCHANGED_TOAST;
}

/** One line of `test_decoding` output. */
export type DecodedLine =
  | { readonly kind: 'begin'; readonly xid?: string }
  /** `commitTime` is the text after `at` (with `include-timestamp`). */
  | { readonly kind: 'commit'; readonly xid?: string; readonly commitTime?: string }
  | {
      readonly kind: 'change';
      readonly schema: string;
      readonly table: string;
      readonly op: 'INSERT' | 'UPDATE' | 'DELETE';
      /** The new row (INSERT, UPDATE) or the old key (DELETE); empty for `(no-tuple-data)`. */
      readonly columns: readonly DecodedColumn[];
      /** The old key of an UPDATE that changed the key (`old-key:`). */
      readonly oldKey?: readonly DecodedColumn[];
    }
  | { readonly kind: 'truncate'; readonly tables: readonly string[] }
  | { readonly kind: 'message'; readonly text: string };

/** DMS's operation column: insert, update, delete. */
export type DmsOp = 'I' | 'U' | 'D';

/**
 * One row of a DMS file: `Op`, `dms_commit_ts` (`YYYY-MM-DD hh:mm:ss.ffffff`, UTC),
 * `dms_change_seq` (35 digits), then the table's columns in SHOP_TABLES order as text
 * (numbers and decimals as digits, booleans `true`/`false`, timestamps like `dms_commit_ts`).
 */
export interface DmsRow {
  readonly op: DmsOp;
  readonly commitTs: string;
  readonly changeSeq: string;
  readonly values: readonly (string | null)[];
}

/** A file the replicator wrote. */
export interface WrittenFile {
  readonly table: string;
  /** Absolute path. */
  readonly path: string;
  readonly rows: number;
  /** `'load'` for LOAD files, `'cdc'` for change files. */
  readonly kind: 'load' | 'cdc';
  /** The latest `dms_commit_ts` in it. */
  readonly maxCommitTs: string;
  /** When it was durably in place (epoch ms). */
  readonly writtenAtMs: number;
}
