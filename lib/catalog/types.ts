/** Types of the catalog generators. */

/** One column of a Glue table, in Glue's (Hive) type names. */
export interface GlueColumn {
  /** The column name, lower case (Glue lower-cases names). */
  readonly name: string;
  /** The Glue type, e.g. `string`, `decimal(12,2)`, `timestamp`. */
  readonly type: string;
  /** One line for the catalog. */
  readonly comment: string;
}
