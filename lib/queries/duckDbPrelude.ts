/**
 * The Athena (Trino) features our queries use that DuckDB spells differently, each made
 * available under Athena's name, so the query text stays Athena's. Add one only when a query in
 * `queries/` needs it.
 *
 * - `SET TimeZone = 'UTC'`: Athena sessions are UTC; DuckDB takes the machine's zone, which
 *   would shift every cast between `timestamp` and `timestamp with time zone`.
 * - `from_iso8601_timestamp(text)`: Athena parses ISO-8601 with its offset into a `timestamp
 *   with time zone`. DuckDB has no such function; `CAST(text AS TIMESTAMPTZ)` does the same
 *   (a plain `CAST(text AS TIMESTAMP)` would drop a non-zero offset instead of applying it).
 *
 * Portable already, so not here: `INTERVAL '30' MINUTE`, `ROW_NUMBER() OVER (...)`,
 * `COALESCE`, `CASE`, `CAST(... AS timestamp)`, `LEFT JOIN` with inequality conditions.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/functions-env3.html
 */
export const DUCKDB_PRELUDE: readonly string[] = Object.freeze([
  "SET TimeZone = 'UTC'",
  'CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(text) AS CAST(text AS TIMESTAMPTZ)',
]);
