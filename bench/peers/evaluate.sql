-- The benchmark evaluation (schemes/bench-huangyan-township.toml) as one SQL statement, the same text
-- for SQLite 3.40 and PostgreSQL 15 (window functions for cohort benchmarks, ranks and quotas).
-- Input: table firm (prepare.py: one row per enterprise, canonical units, NULL = missing).
-- Output: temp table cls(uscc, class). Rules as mujun's engine (docs/schemes.md):
--   cohorts, first match: 0 租赁企业 (no own land, some leased) · 1 规上 · 2 规下 ≥ 3 亩 · 3 规下 < 3 亩
--   x = numerator / denominator (NULL when either is missing or the denominator is 0)
--   benchmark B = Σ numerator / Σ denominator over the cohort's firms that have x (ratio of sums)
--   points = min(x / B, 2) × weight, missing x → 0; total = Σ points in indicator order
--   quotas within each (cohort, township): A = ⌊(20 % N) + ½⌋, D = ⌊(5 % N) + ½⌋, B = ⌊(60 % N) + ½⌋ − A,
--   C the rest; order by total (to the micro-point) descending; equal totals share the better seat.
DROP TABLE IF EXISTS cls;
CREATE TEMP TABLE cls AS
WITH w(cohort, w1, w2, w3, w4, w5, w6) AS (
  VALUES (0, 40.0, 20.0, 10.0, 10.0, 10.0, 10.0), (1, 30.0, 20.0, 20.0, 10.0, 10.0, 10.0),
         (2, 40.0, 20.0, 15.0, 10.0, 5.0, 10.0), (3, 50.0, 15.0, 10.0, 10.0, 5.0, 10.0)),
f AS (
  SELECT uscc, township, tax_paid, value_added, energy_tce, employees_avg, rd_expense, main_revenue, gross_output,
         land_m2 * 15.0 / 10000.0 AS land_mu,
         CASE WHEN COALESCE(owned_m2, 0) <= 0 AND COALESCE(leased_m2, 0) > 0 THEN 0
              WHEN above_scale = 1 THEN 1
              WHEN above_scale = 0 AND land_m2 * 15.0 / 10000.0 >= 3 THEN 2
              WHEN above_scale = 0 AND land_m2 * 15.0 / 10000.0 < 3 THEN 3 END AS cohort
  FROM firm),
x AS (
  SELECT f.*,
         tax_paid / NULLIF(land_mu, 0) AS x1, value_added / NULLIF(land_mu, 0) AS x2,
         value_added / NULLIF(energy_tce, 0) AS x3, value_added / NULLIF(employees_avg, 0) AS x4,
         rd_expense / NULLIF(main_revenue, 0) AS x5, gross_output / NULLIF(land_mu, 0) AS x6
  FROM f WHERE cohort IS NOT NULL),
b AS (
  SELECT cohort,
         SUM(CASE WHEN x1 IS NOT NULL THEN tax_paid END) / SUM(CASE WHEN x1 IS NOT NULL THEN land_mu END) AS b1,
         SUM(CASE WHEN x2 IS NOT NULL THEN value_added END) / SUM(CASE WHEN x2 IS NOT NULL THEN land_mu END) AS b2,
         SUM(CASE WHEN x3 IS NOT NULL THEN value_added END) / SUM(CASE WHEN x3 IS NOT NULL THEN energy_tce END) AS b3,
         SUM(CASE WHEN x4 IS NOT NULL THEN value_added END) / SUM(CASE WHEN x4 IS NOT NULL THEN employees_avg END) AS b4,
         SUM(CASE WHEN x5 IS NOT NULL THEN rd_expense END) / SUM(CASE WHEN x5 IS NOT NULL THEN main_revenue END) AS b5,
         SUM(CASE WHEN x6 IS NOT NULL THEN gross_output END) / SUM(CASE WHEN x6 IS NOT NULL THEN land_mu END) AS b6
  FROM x GROUP BY cohort),
p AS (
  SELECT x.uscc, x.township, x.cohort,
         (((((CASE WHEN x1 IS NULL THEN 0 WHEN x1 / b1 > 2 THEN 2 ELSE x1 / b1 END * w1)
            + CASE WHEN x2 IS NULL THEN 0 WHEN x2 / b2 > 2 THEN 2 ELSE x2 / b2 END * w2)
            + CASE WHEN x3 IS NULL THEN 0 WHEN x3 / b3 > 2 THEN 2 ELSE x3 / b3 END * w3)
            + CASE WHEN x4 IS NULL THEN 0 WHEN x4 / b4 > 2 THEN 2 ELSE x4 / b4 END * w4)
            + CASE WHEN x5 IS NULL THEN 0 WHEN x5 / b5 > 2 THEN 2 ELSE x5 / b5 END * w5)
            + CASE WHEN x6 IS NULL THEN 0 WHEN x6 / b6 > 2 THEN 2 ELSE x6 / b6 END * w6 AS total
  FROM x JOIN b ON b.cohort = x.cohort JOIN w ON w.cohort = x.cohort),
r AS (
  SELECT uscc, RANK() OVER (PARTITION BY cohort, township ORDER BY ROUND(total * 1000000) DESC) - 1 AS seat,
         COUNT(*) OVER (PARTITION BY cohort, township) AS n
  FROM p),
q AS (
  SELECT uscc, seat, n, (n * 200000 + 500000) / 1000000 AS a, (n * 50000 + 500000) / 1000000 AS d,
         (n * 600000 + 500000) / 1000000 - (n * 200000 + 500000) / 1000000 AS b0
  FROM r),
s AS (
  SELECT uscc, seat, n, a, d,
         CASE WHEN b0 < 0 THEN 0 WHEN b0 > n - a - d THEN (CASE WHEN n - a - d > 0 THEN n - a - d ELSE 0 END) ELSE b0 END AS b
  FROM q),
t AS (
  SELECT uscc, seat, a, b, CASE WHEN n - a - b - d > 0 THEN n - a - b - d ELSE 0 END AS c FROM s)
SELECT uscc, CASE WHEN seat < a THEN 'A' WHEN seat < a + b THEN 'B' WHEN seat < a + b + c THEN 'C' ELSE 'D' END AS class
FROM t;
