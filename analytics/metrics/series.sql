-- Every metric of docs/metrics.md by period ($grain) for one scope — everything, one team ($team),
-- one repo ($repo) — or broken down by team or repo ($by = 'none' | 'team' | 'repo'): one row per
-- period × group, zeros (or NULL rates) where nothing happened. Reads the metric facts (facts.sql).
-- The numbers of each group and period are cell-aggregates.sql's (definitions and populations
-- there): stored cells for the periods wholly inside the range (cells-scope.sql), computed from the
-- rows for the rest. What depends on the range as a whole —
-- which repos count for the deployment frequency, which repos are listed — is computed here.
-- Continues periods.sql, cells-scope.sql and cell-aggregates.sql (series.ts).
, all_cells AS (
  SELECT * FROM stored_cells
  UNION ALL BY NAME
  SELECT * FROM cells
),
group_m AS (SELECT * FROM all_cells WHERE repo_id IS NULL),
repo_changes AS (SELECT grp, period_start, repo_id, changes FROM all_cells WHERE repo_id IS NOT NULL),
-- DORA deployment frequency is per application: the median repo's changes per week, over the
-- group's repos that shipped anything in the range (a repo's quiet period counts as zero).
deploy_freq AS (
  SELECT rs.grp, p.period_start, median(coalesce(rc.changes, 0) * 7.0 / p.days) AS per_week
  FROM (SELECT DISTINCT grp, repo_id FROM repo_changes) rs
  CROSS JOIN periods p
  LEFT JOIN repo_changes rc ON rc.grp = rs.grp AND rc.repo_id = rs.repo_id AND rc.period_start = p.period_start
  WHERE p.days > 0
  GROUP BY ALL
),
-- Engineers: people of the org map (not bots) of the team; everyone mapped for the whole org.
headcount AS (
  SELECT team_id, count(*) AS engineers FROM __metric_person WHERE NOT is_bot GROUP BY ALL
),
groups AS (
  SELECT CAST(0 AS UBIGINT) AS grp, CAST($team AS VARCHAR) AS team, CAST($repo AS VARCHAR) AS repo,
         CASE WHEN $repo IS NOT NULL THEN NULL
              ELSE (SELECT coalesce(sum(engineers), 0) FROM headcount WHERE $team IS NULL OR team_id = $team) END AS engineers
  WHERE $by = 'none'
  UNION ALL
  SELECT hash(t.team_id), t.team_id, CAST($repo AS VARCHAR), CASE WHEN $repo IS NULL THEN coalesce(h.engineers, 0) END
  FROM teams t LEFT JOIN headcount h USING (team_id)
  WHERE $by = 'team' AND ($team IS NULL OR t.team_id = $team)
  UNION ALL
  -- Repos with merged PRs or changes in the range (within the team/repo filter), named as in the data.
  SELECT r.repo_id, r.team_id, r.repo, NULL
  FROM __metric_repo r
  WHERE $by = 'repo'
    AND r.repo_id IN (SELECT grp FROM group_m WHERE merged_prs IS NOT NULL OR changes IS NOT NULL)
)
SELECT p.period, strftime(p.period_start, '%Y-%m-%d') AS period_start, p.days,
       g.team, g.repo, g.engineers,
       coalesce(c.merged_prs, 0) AS merged_prs,
       coalesce(c.added, 0) AS added_lines,
       CASE WHEN c.added > 0 THEN c.ai_added / c.added END AS ai_share,
       coalesce(c.ai_prs, 0) AS ai_prs,
       coalesce(c.reverts, 0) AS reverts,
       coalesce(c.reverted_prs, 0) AS reverted_prs,
       coalesce(c.hotfixes, 0) AS hotfixes,
       coalesce(c.incident_prs, 0) AS incident_prs,
       coalesce(c.quality_prs, 0) AS quality_prs,
       c.merge_h, c.merge_h_ai, c.merge_h_non_ai, c.lead_h,
       c.first_review_h, c.first_review_h_ai, c.first_review_h_non_ai,
       coalesce(c.reviews, 0) AS reviews,
       coalesce(c.reviewers, 0) AS reviewers,
       coalesce(c.review_hours, 0) AS review_hours,
       coalesce(c.review_hours_ai, 0) AS review_hours_ai,
       coalesce(c.review_hours_non_ai, 0) AS review_hours_non_ai,
       coalesce(c.rated_reviews, 0) AS rated_reviews,
       coalesce(c.senior_reviews, 0) AS senior_reviews,
       coalesce(c.rated_reviews_ai, 0) AS rated_reviews_ai,
       coalesce(c.senior_reviews_ai, 0) AS senior_reviews_ai,
       coalesce(c.rated_reviews_non_ai, 0) AS rated_reviews_non_ai,
       coalesce(c.senior_reviews_non_ai, 0) AS senior_reviews_non_ai,
       coalesce(c.changes, 0) AS changes,
       coalesce(c.change_failures, 0) AS change_failures,
       df.per_week AS deploys_per_week,
       coalesce(c.incidents, 0) AS incidents,
       coalesce(c.restored, 0) AS restored,
       c.restore_h, c.restore_h_p90,
       coalesce(c.bugs, 0) AS bugs,
       CASE WHEN $by <> 'repo' AND $repo IS NULL THEN coalesce(c.tickets, 0) END AS tickets,
       CASE WHEN $by <> 'repo' AND $repo IS NULL THEN coalesce(c.bug_tickets, 0) END AS bug_tickets,
       CASE WHEN $by = 'none' AND $team IS NULL AND $repo IS NULL THEN coalesce(c.nps_responses, 0) END AS nps_responses,
       coalesce(c.nps_promoters, 0) AS nps_promoters,
       coalesce(c.nps_detractors, 0) AS nps_detractors,
       (SELECT ready FROM cells_ready) AS cells_ready
FROM groups g
CROSS JOIN periods p
LEFT JOIN group_m c ON c.grp = g.grp AND c.period_start = p.period_start
LEFT JOIN deploy_freq df ON df.grp = g.grp AND df.period_start = p.period_start
ORDER BY p.period_start, CASE WHEN $by = 'repo' THEN g.repo ELSE g.team END NULLS FIRST
