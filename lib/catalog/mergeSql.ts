import type { ShopTable } from '../../schemas/shop';
import { DMS_COLUMNS } from './constants';

/** The table placeholders a rendered merge keeps for each engine: the changes to read and the table to merge into. */
export const MERGE_INPUTS = { changes: 'changes', current: 'current' } as const;

/** The column-list placeholders of the merge template, `${name}`. */
export const MERGE_TEMPLATE_FIELDS = ['stored_columns', 'key_columns', 'key_match', 'update_set', 'source_columns'] as const;

const FIELD = /\$\{([a-z_]+)\}/g;

/**
 * Fills the merge template (`glue-jobs/merge.sql`) for one shop table: its `${name}` column
 * lists come from the table's declaration; `{{changes}}` and `{{current}}` stay for the engine
 * (Spark on Glue, DuckDB locally) to fill.
 *
 * @throws Error naming a `${name}` the template holds that is not a template field.
 * @example
 * ```ts
 * renderMergeSql(await readFile('glue-jobs/merge.sql', 'utf8'), shopTable('orders'));
 * // '... MERGE INTO {{current}} AS t USING (SELECT Op, order_id, customer_id, ...'
 * ```
 */
export function renderMergeSql(template: string, table: ShopTable): string {
  const stored = [...table.columns.map((c) => c.name), DMS_COLUMNS.commitTimestamp, DMS_COLUMNS.changeSequence];
  const fields: Record<(typeof MERGE_TEMPLATE_FIELDS)[number], string> = {
    stored_columns: stored.join(', '),
    key_columns: table.primaryKey.join(', '),
    key_match: table.primaryKey.map((k) => `t.${k} = s.${k}`).join(' AND '),
    update_set: stored.filter((n) => !table.primaryKey.includes(n)).map((n) => `${n} = s.${n}`).join(', '),
    source_columns: stored.map((n) => `s.${n}`).join(', '),
  };
  return template.replace(FIELD, (_match, name: string) => {
    if (!Object.hasOwn(fields, name)) throw new Error(`merge template: unknown field \${${name}} (expected one of ${MERGE_TEMPLATE_FIELDS.join(', ')})`);
    return fields[name as keyof typeof fields];
  });
}

/** The file name of a table's rendered merge SQL (the Glue job's copy on S3). */
export function mergeSqlFileName(table: string): string {
  return `merge_${table}.sql`;
}
