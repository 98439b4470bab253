-- user_activity_current.sql: the user_activity features of every user, recomputed from the
-- offline store.
--
-- What the online store should hold: for each record, the offline row with the latest
-- event_time; among rows with the same event_time the latest API call (api_invocation_time,
-- then write_time), as the online store's EventTime rule keeps it; records whose latest row is
-- a deletion (is_deleted) are left out. Used to check the online store against the offline one,
-- and by analysts for a snapshot of the features.
--
-- Input ({{name}} stands for a table: on Athena the Glue table Feature Store created, locally
-- read_parquet of the offline store's files; lib/queries toAthena / toDuckDb fill it in):
--   user_activity  the offline store of the user_activity feature group: domain_userid,
--                  event_time (ISO-8601 UTC text), the features, write_time,
--                  api_invocation_time, is_deleted.
--
-- Output: every column of the latest row of each record, ordered by event_time then record.
WITH ranked AS (
  SELECT
    *,
    ROW_NUMBER() OVER (
      PARTITION BY domain_userid
      ORDER BY from_iso8601_timestamp(event_time) DESC, api_invocation_time DESC, write_time DESC
    ) AS recency
  FROM {{user_activity}}
)
SELECT * FROM ranked
WHERE recency = 1 AND NOT is_deleted
ORDER BY event_time, domain_userid
