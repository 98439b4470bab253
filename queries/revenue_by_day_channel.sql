-- revenue_by_day_channel.sql: orders and revenue by day and marketing channel, from the archived
-- transaction events joined to the shop's orders by order id.
--
-- Rules:
--   * An order is a transaction event (each event_id once, each tr_orderid once: the earliest)
--     whose tr_orderid is an order_id of the orders table (current state). Revenue is the
--     table's total_base (EUR), the shop's own figure, not the tracker's.
--   * Its day is the date (UTC) of the transaction's event time: derived_tstamp, else
--     collector_tstamp.
--   * Its channel is that of the session it was placed in (domain_sessionid): the session's first
--     page view's mkt_medium (campaign parameters), else its refr_medium unless 'internal', else
--     'direct'. A session with no page view in the archive is 'direct'.
--
-- Inputs (each {{name}} stands for a table: on Athena the Glue table, locally read_parquet of
-- the lake's files; lib/queries toAthena / toDuckDb fill them in):
--   events   archived enriched events (event_id, event_name, domain_sessionid, tr_orderid,
--            mkt_medium, refr_medium, derived_tstamp, collector_tstamp).
--   orders   the current state of the shop's orders (order_id, total_base, status).
--
-- Output, by day then revenue (highest first):
--   day, channel, orders, revenue_eur (sum of total_base), returned_orders (status 'returned'),
--   average_order_eur (2 decimals).
WITH events AS (
  SELECT event_id, event_name, domain_sessionid, tr_orderid, mkt_medium, refr_medium,
         COALESCE(derived_tstamp, collector_tstamp) AS event_tstamp,
         ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY collector_tstamp) AS copy
  FROM {{events}}
),
-- The first page view of each session and the first transaction event of each order.
firsts AS (
  SELECT event_name, domain_sessionid, tr_orderid, event_tstamp,
         COALESCE(mkt_medium, CASE WHEN refr_medium <> 'internal' THEN refr_medium END, 'direct') AS channel,
         ROW_NUMBER() OVER (
           PARTITION BY event_name, CASE WHEN event_name = 'transaction' THEN tr_orderid ELSE domain_sessionid END
           ORDER BY event_tstamp, event_id
         ) AS position
  FROM events
  WHERE copy = 1
    AND ((event_name = 'page_view' AND domain_sessionid IS NOT NULL) OR (event_name = 'transaction' AND tr_orderid IS NOT NULL))
),
session_channels AS (
  SELECT domain_sessionid, channel FROM firsts WHERE event_name = 'page_view' AND position = 1
),
transactions AS (
  SELECT tr_orderid, domain_sessionid, event_tstamp FROM firsts WHERE event_name = 'transaction' AND position = 1
),
attributed AS (
  SELECT CAST(t.event_tstamp AS date) AS day,
         COALESCE(c.channel, 'direct') AS channel,
         o.total_base, o.status
  FROM transactions t
  JOIN {{orders}} o ON o.order_id = t.tr_orderid
  LEFT JOIN session_channels c ON c.domain_sessionid = t.domain_sessionid
)
SELECT day, channel,
       COUNT(*) AS orders,
       SUM(total_base) AS revenue_eur,
       COUNT(CASE WHEN status = 'returned' THEN 1 END) AS returned_orders,
       ROUND(CAST(SUM(total_base) AS double) / COUNT(*), 2) AS average_order_eur
FROM attributed
GROUP BY day, channel
ORDER BY day, revenue_eur DESC, channel
