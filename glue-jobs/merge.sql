-- The merge of one shop table into its current-state table: the one SQL source that Spark SQL
-- runs on Glue (glue-jobs/merge_current.py, an Iceberg MERGE INTO) and DuckDB runs locally
-- (local/glue/mergeLake.ts).
--
-- The dollar-brace column lists are filled from schemas/shop.ts by renderMergeSql (lib/catalog) for each
-- table; {{changes}} (the raw DMS rows: Op, dms_commit_ts, dms_change_seq, then the columns) and
-- {{current}} (the current-state table) are filled by each engine. {{changes}} reads the landing
-- zone, outside the lake, with every column marked personal in schemas/shop.ts already replaced by
-- its pseudonym (snowline_pseudonym: HMAC-SHA256 under the events archive's key), keys included,
-- so the rule below compares, deletes and stores pseudonymised keys only.
--
-- Rules: the latest change per primary key by (dms_commit_ts, dms_change_seq), a delete winning
-- a tie; applied only when newer than the stored row (a delete when at least as new, so it wins
-- that tie too); the stored row keeps the winning change's dms_commit_ts and dms_change_seq, so a
-- replayed or late change is a no-op. A late file older than a delete cannot bring the deleted
-- row back: {{changes}} always holds that delete, since the Glue job reads every raw file and
-- DuckDB adds its tombstones (the latest delete of each key that is not live) to the new files.
MERGE INTO {{current}} AS t
USING (
  SELECT Op, ${stored_columns}
  FROM (
    SELECT
      c.*,
      ROW_NUMBER() OVER (
        PARTITION BY ${key_columns}
        ORDER BY dms_commit_ts DESC, dms_change_seq DESC, CASE WHEN Op = 'D' THEN 0 ELSE 1 END
      ) AS change_rank
    FROM {{changes}} AS c
  ) AS ranked
  WHERE change_rank = 1
) AS s
ON ${key_match}
WHEN MATCHED AND s.Op = 'D'
  AND (s.dms_commit_ts > t.dms_commit_ts OR (s.dms_commit_ts = t.dms_commit_ts AND s.dms_change_seq >= t.dms_change_seq))
  THEN DELETE
WHEN MATCHED AND s.Op <> 'D'
  AND (s.dms_commit_ts > t.dms_commit_ts OR (s.dms_commit_ts = t.dms_commit_ts AND s.dms_change_seq > t.dms_change_seq))
  THEN UPDATE SET ${update_set}
WHEN NOT MATCHED AND s.Op <> 'D'
  THEN INSERT (${stored_columns}) VALUES (${source_columns})
