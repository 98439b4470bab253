import { describe, expect, it } from 'vitest';
import { DUCKDB_PRELUDE, InvalidQuerySourceError, MissingQueryInputError, placeholdersOf, runDuckDbQuery, toAthena, toDuckDb } from '../../lib/queries';
import { readQuery } from './helpers';

const SQL = "-- reads {{t}}\nSELECT '{{t}}' AS text, x FROM {{t}} JOIN {{u}} USING (x)";

describe('toDuckDb', () => {
  it('replaces each placeholder outside comments and literals with read_parquet, and adds the dialect shims', () => {
    expect(toDuckDb(SQL, { t: { parquet: "/lake/it's/*.parquet" }, u: { parquet: '/lake/u.parquet', hivePartitioning: false } })).toEqual({
      setup: DUCKDB_PRELUDE,
      sql: "-- reads {{t}}\nSELECT '{{t}}' AS text, x FROM read_parquet('/lake/it''s/*.parquet', hive_partitioning = 1) JOIN read_parquet('/lake/u.parquet', hive_partitioning = 0) USING (x)",
    });
  });

  it('names a placeholder that has no source, and the ones given', () => {
    expect(() => toDuckDb(SQL, { t: { parquet: 'a.parquet' } })).toThrow(new MissingQueryInputError('u', ['t']));
    expect(() => toDuckDb(SQL, {})).toThrow('the query reads {{t}} but no source was given for it (given: none)');
    expect(() => toDuckDb(SQL, { t: { parquet: '' }, u: { parquet: 'b' } })).toThrow(new InvalidQuerySourceError('t', 'the parquet path is empty'));
  });

  it('gives DuckDB what Athena means by from_iso8601_timestamp and its UTC session', async () => {
    const rows = await runDuckDbQuery(
      toDuckDb(
        `SELECT CAST(from_iso8601_timestamp('2026-11-22T10:15:00.250Z') AS timestamp) AS utc,
                CAST(from_iso8601_timestamp('2026-11-22T12:15:00+02:00') AS timestamp) AS offset,
                TIMESTAMP '2026-11-22 10:15:00' + INTERVAL '30' MINUTE AS later`,
        {},
      ),
    );
    expect(rows).toEqual([{ utc: '2026-11-22 10:15:00.25', offset: '2026-11-22 10:15:00', later: '2026-11-22 10:45:00' }]);
  });
});

describe('toAthena', () => {
  it('replaces each placeholder with the quoted Glue table, and nothing else', () => {
    expect(toAthena(SQL, { t: { database: 'sagemaker_featurestore', table: 'user_activity_1763812800' }, u: { database: 'snow"line', table: 'events' } })).toBe(
      `-- reads {{t}}\nSELECT '{{t}}' AS text, x FROM "sagemaker_featurestore"."user_activity_1763812800" JOIN "snow""line"."events" USING (x)`,
    );
    expect(() => toAthena(SQL, { t: { database: 'db', table: 't' } })).toThrow(new MissingQueryInputError('u', ['t']));
  });

  it('leaves the training set query as Athena SQL: only its two inputs change', async () => {
    const sql = await readQuery('feature_training_set.sql');
    const athena = toAthena(sql, { user_activity: { database: 'fs', table: 'ua' }, events: { database: 'lake', table: 'events' } });
    expect(placeholdersOf(athena)).toEqual([]);
    expect(athena.replace('"fs"."ua"', '{{user_activity}}').replace('"lake"."events"', '{{events}}')).toBe(sql);
  });
});
