-- viewed_vs_bought.sql: the products most viewed against the products most bought: product page
-- views from the archived events beside the units ordered in the shop's database.
--
-- Rules:
--   * A view is a page_view of '/products/<sku>', each event_id once.
--   * Bought is what the order_items table (current state) holds for the SKU: units (sum of
--     quantity) and the orders it is in.
--   * Every product of the products table that was viewed or bought is listed; view_rank and
--     bought_rank are RANK() by views and by units (1 = most; ties share a rank), so a product
--     with a high view rank and a low bought rank is looked at and not bought.
--
-- Inputs (each {{name}} stands for a table: on Athena the Glue table, locally read_parquet of
-- the lake's files; lib/queries toAthena / toDuckDb fill them in):
--   events       archived enriched events (event_id, event_name, page_urlpath, domain_userid,
--                collector_tstamp).
--   products     the current state of the shop's products (sku, name, category).
--   order_items  the current state of the shop's order lines (order_id, sku, quantity).
--
-- Output, most viewed first:
--   sku, name, category, views, viewers (distinct domain_userid), units_bought, orders,
--   view_rank, bought_rank, orders_per_viewer (4 decimals; NULL with no viewer).
WITH events AS (
  SELECT event_id, event_name, page_urlpath, domain_userid,
         ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY collector_tstamp) AS copy
  FROM {{events}}
),
views AS (
  SELECT substr(page_urlpath, 11) AS sku, COUNT(*) AS views, COUNT(DISTINCT domain_userid) AS viewers
  FROM events
  WHERE copy = 1 AND event_name = 'page_view' AND page_urlpath LIKE '/products/%'
  GROUP BY substr(page_urlpath, 11)
),
bought AS (
  SELECT sku, SUM(quantity) AS units_bought, COUNT(DISTINCT order_id) AS orders
  FROM {{order_items}}
  GROUP BY sku
),
products AS (
  SELECT p.sku, p.name, p.category,
         COALESCE(v.views, 0) AS views, COALESCE(v.viewers, 0) AS viewers,
         COALESCE(b.units_bought, 0) AS units_bought, COALESCE(b.orders, 0) AS orders
  FROM {{products}} p
  LEFT JOIN views v ON v.sku = p.sku
  LEFT JOIN bought b ON b.sku = p.sku
)
SELECT sku, name, category, views, viewers, units_bought, orders,
       RANK() OVER (ORDER BY views DESC) AS view_rank,
       RANK() OVER (ORDER BY units_bought DESC) AS bought_rank,
       ROUND(CAST(orders AS double) / NULLIF(viewers, 0), 4) AS orders_per_viewer
FROM products
WHERE views > 0 OR units_bought > 0
ORDER BY views DESC, units_bought DESC, sku
