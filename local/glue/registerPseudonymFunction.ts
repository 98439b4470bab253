import { type DuckDBConnection, DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import { PSEUDONYM_FUNCTION } from '../../lib/catalog';
import type { Pseudonymiser } from '../../lib/privacy';

/**
 * Registers `snowline_pseudonym(text)` on `connection` (`PSEUDONYM_FUNCTION`, the function the
 * Glue job registers as a PySpark UDF): `pseudonymiser.hash` of each value, `NULL` for `NULL`. The
 * key stays in this process's memory; no SQL text, plan or error holds it.
 *
 * @example
 * ```ts
 * registerPseudonymFunction(connection, pseudonymiser);
 * await connection.run("SELECT snowline_pseudonym('cust-000123')"); // pseudonymiser.hash('cust-000123')
 * ```
 */
export function registerPseudonymFunction(connection: DuckDBConnection, pseudonymiser: Pseudonymiser): void {
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: PSEUDONYM_FUNCTION,
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const values = input.getColumnVector(0);
        for (let row = 0; row < input.rowCount; row++) {
          const value = values.getItem(row);
          output.setItem(row, typeof value === 'string' ? pseudonymiser.hash(value) : null);
        }
        output.flush();
      },
    }),
  );
}
