-- weekly_cohort_retention.sql: weekly cohort retention of visitors: of the visitors first seen in
-- a week, how many come back in each later week.
--
-- Rules:
--   * A visitor is a domain_userid (the first-party cookie id); an event's time is
--     derived_tstamp, else collector_tstamp; weeks start on Monday (UTC), as date_trunc('week')
--     gives them.
--   * A visitor's cohort is the week of their first event in the archive; they are active in
--     a week when they have at least one event in it. Week 0 is the cohort week itself, so its
--     retention is 1.
--
-- Input ({{name}} stands for a table: on Athena the Glue table, locally read_parquet of the
-- lake's files; lib/queries toAthena / toDuckDb fill it in):
--   events   archived enriched events (domain_userid, derived_tstamp, collector_tstamp).
--
-- Output, one row per cohort and week with activity, by cohort then week:
--   cohort_week (a Monday), cohort_users, weeks_later (0, 1, ...), active_users,
--   retention (active_users / cohort_users, 4 decimals).
WITH activity AS (
  SELECT DISTINCT domain_userid, date_trunc('week', COALESCE(derived_tstamp, collector_tstamp)) AS week
  FROM {{events}}
  WHERE domain_userid IS NOT NULL AND COALESCE(derived_tstamp, collector_tstamp) IS NOT NULL
),
cohorts AS (
  SELECT domain_userid, MIN(week) AS cohort_week
  FROM activity
  GROUP BY domain_userid
),
sizes AS (
  SELECT cohort_week, COUNT(*) AS cohort_users
  FROM cohorts
  GROUP BY cohort_week
)
SELECT CAST(c.cohort_week AS date) AS cohort_week, s.cohort_users,
       date_diff('week', c.cohort_week, a.week) AS weeks_later,
       COUNT(*) AS active_users,
       ROUND(CAST(COUNT(*) AS double) / s.cohort_users, 4) AS retention
FROM cohorts c
JOIN activity a ON a.domain_userid = c.domain_userid
JOIN sizes s ON s.cohort_week = c.cohort_week
GROUP BY c.cohort_week, s.cohort_users, date_diff('week', c.cohort_week, a.week)
ORDER BY cohort_week, weeks_later
