-- feature_training_set.sql: a point-in-time-correct training set for the purchase-propensity model.
--
-- One row per observation: a page view by a user at label_time, with
--   label    1 when the same user places an order (a transaction event) in the 30 minutes after
--            the page view, label_time < order time <= label_time + 30 minutes; else 0.
--   features the user_activity features as they were at label_time: those of the latest
--            offline-store row whose event_time is at or before label_time (an as-of join).
--            Rows with a later event_time never contribute, so no value comes from the future.
--
-- Inputs (each {{name}} stands for a table: on Athena the Glue table, locally read_parquet of
-- the lake's files; lib/queries toAthena / toDuckDb fill them in):
--   user_activity  the offline store of the user_activity feature group: domain_userid,
--                  event_time (ISO-8601 UTC text), the features, write_time,
--                  api_invocation_time, is_deleted (and the year/month/day/hour partitions).
--   events         archived enriched events: event_id, event_name, domain_userid,
--                  derived_tstamp, collector_tstamp (timestamps, UTC). An event's time is
--                  derived_tstamp, else collector_tstamp.
--
-- Output, ordered by domain_userid, label_time, event_id:
--   event_id, domain_userid, label_time, label, feature_event_time (the event_time of the
--   features used), then every user_activity feature.
--
-- Rules:
--   * Point in time by event time: a row counts from its event_time on, even if it was written
--     later (a late write backfills history, as the online store's EventTime rule does).
--   * Among rows with the same event_time, the latest API call wins (api_invocation_time, then
--     write_time), as in the online store.
--   * A user with no row at or before label_time, or whose latest such row is a deletion
--     (is_deleted), is kept, with feature_event_time and every feature NULL. Add
--     WHERE feature_event_time IS NOT NULL to leave them out.
--   * Duplicate events (the same event_id) count once.
--   * The page view itself is at label_time, so the features include it when the feature
--     handler has written a row for it: what an inference call right after the page view sees.
WITH events AS (
  SELECT event_id, event_name, domain_userid, COALESCE(derived_tstamp, collector_tstamp) AS event_tstamp
  FROM {{events}}
  WHERE domain_userid IS NOT NULL
),
observations AS (
  SELECT DISTINCT event_id, domain_userid, event_tstamp AS label_time
  FROM events
  WHERE event_name = 'page_view'
),
orders AS (
  SELECT DISTINCT event_id, domain_userid, event_tstamp AS ordered_at
  FROM events
  WHERE event_name = 'transaction'
),
labelled AS (
  SELECT o.event_id, o.domain_userid, o.label_time,
         MAX(CASE WHEN t.ordered_at IS NULL THEN 0 ELSE 1 END) AS label
  FROM observations o
  LEFT JOIN orders t
    ON t.domain_userid = o.domain_userid
   AND t.ordered_at > o.label_time
   AND t.ordered_at <= o.label_time + INTERVAL '30' MINUTE
  GROUP BY o.event_id, o.domain_userid, o.label_time
),
feature_rows AS (
  SELECT domain_userid,
         CAST(from_iso8601_timestamp(event_time) AS timestamp) AS feature_time,
         api_invocation_time, write_time, is_deleted,
         page_views_5m, page_views_1h, events_1h, link_clicks_1h, add_to_carts_1h,
         transactions_24h, revenue_24h, distinct_pages_1h, sessions_24h,
         last_event_name, device_class, country, is_logged_in
  FROM {{user_activity}}
),
as_of AS (
  SELECT l.event_id, l.domain_userid, l.label_time, l.label,
         f.feature_time, f.is_deleted,
         f.page_views_5m, f.page_views_1h, f.events_1h, f.link_clicks_1h, f.add_to_carts_1h,
         f.transactions_24h, f.revenue_24h, f.distinct_pages_1h, f.sessions_24h,
         f.last_event_name, f.device_class, f.country, f.is_logged_in,
         ROW_NUMBER() OVER (
           PARTITION BY l.event_id, l.domain_userid, l.label_time
           ORDER BY f.feature_time DESC, f.api_invocation_time DESC, f.write_time DESC
         ) AS as_of_rank
  FROM labelled l
  LEFT JOIN feature_rows f
    ON f.domain_userid = l.domain_userid
   AND f.feature_time <= l.label_time
)
SELECT event_id, domain_userid, label_time, label,
       CASE WHEN is_deleted THEN NULL ELSE feature_time END AS feature_event_time,
       CASE WHEN is_deleted THEN NULL ELSE page_views_5m END AS page_views_5m,
       CASE WHEN is_deleted THEN NULL ELSE page_views_1h END AS page_views_1h,
       CASE WHEN is_deleted THEN NULL ELSE events_1h END AS events_1h,
       CASE WHEN is_deleted THEN NULL ELSE link_clicks_1h END AS link_clicks_1h,
       CASE WHEN is_deleted THEN NULL ELSE add_to_carts_1h END AS add_to_carts_1h,
       CASE WHEN is_deleted THEN NULL ELSE transactions_24h END AS transactions_24h,
       CASE WHEN is_deleted THEN NULL ELSE revenue_24h END AS revenue_24h,
       CASE WHEN is_deleted THEN NULL ELSE distinct_pages_1h END AS distinct_pages_1h,
       CASE WHEN is_deleted THEN NULL ELSE sessions_24h END AS sessions_24h,
       CASE WHEN is_deleted THEN NULL ELSE last_event_name END AS last_event_name,
       CASE WHEN is_deleted THEN NULL ELSE device_class END AS device_class,
       CASE WHEN is_deleted THEN NULL ELSE country END AS country,
       CASE WHEN is_deleted THEN NULL ELSE is_logged_in END AS is_logged_in
FROM as_of
WHERE as_of_rank = 1
ORDER BY domain_userid, label_time, event_id
