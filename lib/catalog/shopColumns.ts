import type { ShopTable } from '../../schemas/shop';
import { DMS_COLUMNS } from './constants';
import { GLUE_TYPES } from './glueTypes';
import type { GlueColumn } from './types';

/** DMS's own columns, as Glue columns, in file order. */
const DMS_GLUE_COLUMNS: readonly GlueColumn[] = [
  { name: DMS_COLUMNS.op.toLowerCase(), type: 'string', comment: 'DMS operation: I (insert, and every full-load row), U (update) or D (delete)' },
  { name: DMS_COLUMNS.commitTimestamp, type: 'timestamp', comment: 'Commit time of the change in the source (UTC); for the full load, the time of its snapshot' },
  { name: DMS_COLUMNS.changeSequence, type: 'string', comment: 'DMS change sequence ($AR_H_CHANGE_SEQ, 35 digits): orders changes of one commit time' },
];

/** A table's own columns as Glue columns, in table order. */
export function shopGlueColumns(table: ShopTable): GlueColumn[] {
  return table.columns.map((column) => ({ name: column.name, type: GLUE_TYPES[column.type], comment: column.description }));
}

/**
 * The columns of a shop table's raw DMS files: `op`, `dms_commit_ts`, `dms_change_seq`, then
 * the table's columns, as DMS writes them with `IncludeOpForFullLoad` and `TimestampColumnName`.
 *
 * @example
 * ```ts
 * rawTableColumns(shopTable('orders')).map((c) => c.name).slice(0, 4); // ['op', 'dms_commit_ts', 'dms_change_seq', 'order_id']
 * ```
 */
export function rawTableColumns(table: ShopTable): GlueColumn[] {
  return [...DMS_GLUE_COLUMNS, ...shopGlueColumns(table)];
}

/**
 * The columns of a shop table's current-state table: the table's columns, then the commit time
 * and change sequence of the change that wrote each row (so a replayed or late change that is not
 * newer is a no-op).
 */
export function currentTableColumns(table: ShopTable): GlueColumn[] {
  return [...shopGlueColumns(table), ...DMS_GLUE_COLUMNS.slice(1)];
}
