-- funnel_by_category.sql: the conversion funnel by product category, product views → add-to-carts
-- → purchases, from the archived events joined to the shop's products.
--
-- Steps, each event counted once (duplicates share an event_id):
--   view       a page_view of a product page: page_urlpath '/products/<sku>'.
--   cart       an add-to-cart: the structured event se_category 'cart', se_action 'add-to-cart',
--              se_label the SKU.
--   purchase   an order line: a transaction_item event (ti_sku, ti_quantity).
-- A step's category is that of its SKU in the products table (current state); a SKU the table
-- does not hold (a product deleted since) counts under 'unknown'.
--
-- Inputs (each {{name}} stands for a table: on Athena the Glue table, locally read_parquet of
-- the lake's files; lib/queries toAthena / toDuckDb fill them in):
--   events     archived enriched events (event_id, event_name, domain_userid, page_urlpath,
--              se_category, se_action, se_label, ti_sku, ti_quantity, collector_tstamp).
--   products   the current state of the shop's products (sku, category).
--
-- Output, one row per category, most viewed first:
--   category, product_views, add_to_carts, purchases (order lines), units_purchased,
--   viewers (distinct domain_userid with a product view), view_to_cart_rate,
--   cart_to_purchase_rate, view_to_purchase_rate (ratios of event counts, 4 decimals; NULL when
--   the step before has no events).
WITH events AS (
  SELECT event_id, event_name, domain_userid, page_urlpath, se_category, se_action, se_label, ti_sku, ti_quantity,
         ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY collector_tstamp) AS copy
  FROM {{events}}
),
steps AS (
  SELECT domain_userid, 'view' AS step, substr(page_urlpath, 11) AS sku, 0 AS units
  FROM events
  WHERE copy = 1 AND event_name = 'page_view' AND page_urlpath LIKE '/products/%'
  UNION ALL
  SELECT domain_userid, 'cart' AS step, se_label AS sku, 0 AS units
  FROM events
  WHERE copy = 1 AND event_name = 'event' AND se_category = 'cart' AND se_action = 'add-to-cart'
  UNION ALL
  SELECT domain_userid, 'purchase' AS step, ti_sku AS sku, COALESCE(ti_quantity, 0) AS units
  FROM events
  WHERE copy = 1 AND event_name = 'transaction_item'
),
by_category AS (
  SELECT COALESCE(p.category, 'unknown') AS category,
         COUNT(CASE WHEN s.step = 'view' THEN 1 END) AS product_views,
         COUNT(CASE WHEN s.step = 'cart' THEN 1 END) AS add_to_carts,
         COUNT(CASE WHEN s.step = 'purchase' THEN 1 END) AS purchases,
         SUM(s.units) AS units_purchased,
         COUNT(DISTINCT CASE WHEN s.step = 'view' THEN s.domain_userid END) AS viewers
  FROM steps s
  LEFT JOIN {{products}} p ON p.sku = s.sku
  GROUP BY COALESCE(p.category, 'unknown')
)
SELECT category, product_views, add_to_carts, purchases, units_purchased, viewers,
       ROUND(CAST(add_to_carts AS double) / NULLIF(product_views, 0), 4) AS view_to_cart_rate,
       ROUND(CAST(purchases AS double) / NULLIF(add_to_carts, 0), 4) AS cart_to_purchase_rate,
       ROUND(CAST(purchases AS double) / NULLIF(product_views, 0), 4) AS view_to_purchase_rate
FROM by_category
ORDER BY product_views DESC, category
