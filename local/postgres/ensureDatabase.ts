import pg from 'pg';

/** Where to connect as the superuser. */
export interface SuperuserConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/**
 * Creates `database` unless it exists. Connects to the `postgres` maintenance database.
 *
 * @returns true when it was created.
 */
export async function ensureDatabase(connection: SuperuserConnection, database: string): Promise<boolean> {
  const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount !== 0) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}
