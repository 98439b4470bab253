/** Types of the shop's seed and workload. */

/** A column value as the shop's statements carry it: decimals as text (`'129.90'`), timestamps as ISO-8601 text. */
export type ShopValue = string | number | boolean | null;

/** Stands for the writing transaction's time (`now()`), so a plan stays free of any clock. */
export const NOW = { now: true } as const;

/** {@link NOW}'s type. */
export type Now = typeof NOW;

/** Adds to a numeric column's stored value (`points = points + add`), so concurrent plans never overwrite each other. */
export interface Increment {
  readonly add: number;
}

/**
 * One row-level statement. `key` names the primary key's values; an insert's row is `key` and
 * `values` together. The executor sets `updated_at` to `now()` on every insert and update.
 */
export interface ShopStatement {
  readonly table: string;
  readonly kind: 'insert' | 'update' | 'delete';
  readonly key: Readonly<Record<string, ShopValue>>;
  /** An insert that leaves an existing row as it is (`ON CONFLICT DO NOTHING`), so a replay changes nothing. @default false */
  readonly ifAbsent?: boolean;
  /** The columns set (insert: every other column; update: the changed ones; delete: none). */
  readonly values?: Readonly<Record<string, ShopValue | Now | Increment>>;
}

/** Statements committed together, with what they stand for (`place order ord-…`). */
export interface ShopTransaction {
  readonly label: string;
  readonly statements: readonly ShopStatement[];
}

/** The seed rows of every shop table, by table name, columns by name. */
export type ShopSeed = Readonly<Record<string, readonly Readonly<Record<string, ShopValue>>[]>>;
