import { SHOP_SCHEMA, type ShopTable } from '../../schemas/shop';
import { PG_TYPE_NAMES } from '../../lib/shop';
import { changeSequence } from './changeSequence';
import { ReplicatedValueError, ReplicatorError } from './errors';
import { normalizeTimestamp } from './normalizeTimestamp';
import { parseTestDecoding } from './parseTestDecoding';
import { toColumnText } from './toColumnText';
import { type DecodedColumn, type DmsOp, type DmsRow, UNCHANGED_TOAST } from './types';

/** One row of `pg_logical_slot_peek_changes`: the change's LSN and test_decoding's text. */
export interface SlotRow {
  readonly lsn: string;
  readonly data: string;
}

/** The DMS rows of a batch of whole transactions, by table, and where the slot may advance to. */
export interface CollectedChanges {
  readonly rows: ReadonlyMap<string, DmsRow[]>;
  /** The LSN of the batch's last COMMIT: advancing the slot there confirms the whole batch. */
  readonly lastCommitLsn: string | undefined;
  readonly transactions: number;
  /** Changes of tables outside SHOP_TABLES (skipped, as a DMS table mapping would). */
  readonly otherTables: number;
  /** TRUNCATEs seen (DMS writes none to an S3 target; logged). */
  readonly truncates: number;
  /** Values an UPDATE left TOASTed and unchanged, written as NULL (no shop column is large enough to be TOASTed). */
  readonly unchangedToast: number;
}

interface Pending {
  readonly table: ShopTable;
  readonly op: DmsOp;
  readonly values: (string | null)[];
}

function rowValues(table: ShopTable, decoded: readonly DecodedColumn[], keyOnly: boolean, counters: { unchangedToast: number }): (string | null)[] {
  const byName = new Map(decoded.map((c) => [c.name, c]));
  return table.columns.map((column) => {
    const found = byName.get(column.name);
    const inKey = table.primaryKey.includes(column.name);
    if (found === undefined) {
      if (keyOnly && !inKey) return null;
      throw new ReplicatedValueError(table.name, column.name, keyOnly ? 'primary-key column missing from the old key' : 'column missing from the change');
    }
    if (found.type !== PG_TYPE_NAMES[column.type]) {
      throw new ReplicatedValueError(table.name, column.name, `expected PostgreSQL type ${PG_TYPE_NAMES[column.type]}, got ${found.type}`);
    }
    if (found.value === UNCHANGED_TOAST) {
      counters.unchangedToast++;
      return null;
    }
    return toColumnText(table.name, column, found.value);
  });
}

/**
 * Turns a batch of `test_decoding` rows (whole transactions, as a slot read returns them) into
 * DMS rows: INSERT → `I`, UPDATE → `U`, DELETE → `D` with the key and NULLs, every change of a
 * transaction stamped with its commit time and a sequence in commit order. An UPDATE that
 * changed the key becomes `D` of the old key then `U` of the new row, so the old key leaves the
 * current-state table as it left the database.
 *
 * @throws TestDecodingParseError / ReplicatedValueError naming the line, table and column;
 *   ReplicatorError when a COMMIT has no timestamp (the slot must be read with include-timestamp).
 */
export function collectChanges(slotRows: readonly SlotRow[], tables: readonly ShopTable[]): CollectedChanges {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const rows = new Map<string, DmsRow[]>();
  const counters = { unchangedToast: 0 };
  let pending: Pending[] = [];
  let lastCommitLsn: string | undefined;
  let transactions = 0;
  let otherTables = 0;
  let truncates = 0;
  for (const slotRow of slotRows) {
    const line = parseTestDecoding(slotRow.data);
    if (line.kind === 'begin') pending = [];
    else if (line.kind === 'truncate') truncates++;
    else if (line.kind === 'change') {
      const table = line.schema === SHOP_SCHEMA ? byName.get(line.table) : undefined;
      if (table === undefined) {
        otherTables++;
        continue;
      }
      if (line.op === 'DELETE') {
        if (line.columns.length === 0) throw new ReplicatedValueError(table.name, table.primaryKey.join(', '), 'DELETE without its key: the table needs REPLICA IDENTITY DEFAULT (its primary key) or FULL');
        pending.push({ table, op: 'D', values: rowValues(table, line.columns, true, counters) });
      } else {
        if (line.oldKey !== undefined && line.oldKey.length > 0) pending.push({ table, op: 'D', values: rowValues(table, line.oldKey, true, counters) });
        pending.push({ table, op: line.op === 'INSERT' ? 'I' : 'U', values: rowValues(table, line.columns, false, counters) });
      }
    } else if (line.kind === 'commit') {
      if (line.commitTime === undefined) throw new ReplicatorError(`COMMIT at ${slotRow.lsn} has no timestamp: read the slot with include-timestamp`);
      const commitTs = normalizeTimestamp(line.commitTime);
      if (commitTs === undefined) throw new ReplicatorError(`COMMIT at ${slotRow.lsn}: cannot read the commit time '${line.commitTime}'`);
      pending.forEach((change, index) => {
        let list = rows.get(change.table.name);
        if (list === undefined) rows.set(change.table.name, (list = []));
        list.push({ op: change.op, commitTs, changeSeq: changeSequence(slotRow.lsn, index), values: change.values });
      });
      pending = [];
      transactions++;
      lastCommitLsn = slotRow.lsn;
    }
  }
  return { rows, lastCommitLsn, transactions, otherTables, truncates, unchangedToast: counters.unchangedToast };
}
