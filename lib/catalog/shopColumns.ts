import type { ShopTable } from '../../schemas/shop';
import { DMS_COLUMNS } from './constants';
import { GLUE_TYPES } from './glueTypes';
import type { GlueColumn } from './types';

/** The DMS columns a current-state row keeps, as Glue columns. */
const DMS_GLUE_COLUMNS: readonly GlueColumn[] = [
  { name: DMS_COLUMNS.commitTimestamp, type: 'timestamp', comment: 'Commit time of the change in the source (UTC); for the full load, the time of its snapshot' },
  { name: DMS_COLUMNS.changeSequence, type: 'string', comment: 'DMS change sequence ($AR_H_CHANGE_SEQ, 35 digits): orders changes of one commit time' },
];

/** A table's own columns as Glue columns, in table order. */
export function shopGlueColumns(table: ShopTable): GlueColumn[] {
  return table.columns.map((column) => ({ name: column.name, type: GLUE_TYPES[column.type], comment: column.description }));
}

/**
 * The columns of a shop table's current-state table: the table's columns, then the commit time
 * and change sequence of the change that wrote each row (so a replayed or late change that is not
 * newer is a no-op).
 */
export function currentTableColumns(table: ShopTable): GlueColumn[] {
  return [...shopGlueColumns(table), ...DMS_GLUE_COLUMNS];
}
