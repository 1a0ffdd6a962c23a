-- Stores the cells of one grain and dimension (analytics/metrics/cells.ts): cell-aggregates.sql
-- over every row, one row per group and whole period (and per repo for changes). Runs as
-- INSERT INTO __metric_cell BY NAME WITH … cell-aggregates.sql … followed by this; storing the
-- same cells again inserts nothing.
SELECT $grain AS grain, $dim AS dim, *
FROM cells
WHERE grp IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM __metric_cell WHERE grain = $grain AND dim = $dim)
