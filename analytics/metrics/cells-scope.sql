-- The stored cells (analytics/metrics/cells.ts) a metrics-table query (series.sql) reads: those of
-- dimension $cells ('org' | 'team' | 'repo'; NULL: none) and $grain for the periods starting from
-- $cell_lo to $cell_hi — the periods wholly inside the range (series.ts); cell-aggregates.sql leaves
-- those periods out. cells_ready tells whether the cells are stored: when the facts were rebuilt
-- between storing them and this query they are not, and series.ts asks again without them.
-- Continues periods.sql's WITH list.
, cells_ready AS (
  SELECT EXISTS (SELECT 1 FROM __metric_cell WHERE grain = $grain AND dim = $cells) AS ready
),
stored_cells AS (
  SELECT * EXCLUDE (grain, dim) REPLACE (CASE WHEN $by = 'none' THEN CAST(0 AS UBIGINT) ELSE grp END AS grp)
  FROM __metric_cell
  WHERE grain = $grain AND dim = $cells
    AND period_start BETWEEN $cell_lo::DATE AND $cell_hi::DATE
    AND ($team IS NULL OR grp = hash($team)) AND ($repo IS NULL OR grp = hash(lower($repo)))
)
