-- Every metric of docs/metrics.md by period ($grain) for one scope — everything, one team ($team),
-- one repo ($repo) — or broken down by team or repo ($by = 'none' | 'team' | 'repo'): one row per
-- period × group, zeros (or NULL rates) where nothing happened. Continues periods.sql; reads the
-- metric facts (facts.sql).
-- Populations: PR, review and lead-time numbers describe the PRs merged in the period; incidents,
-- bugs, tickets and NPS count by creation/response day; changes by the day they shipped.
-- Repo scope: incidents through the change they are linked to, bugs through their linked PRs;
-- tickets and NPS have no repo (NULL), NPS no team either (NULL unless the scope is everything).
, pr_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS merged_prs,
         sum(additions) AS added,
         sum(additions * ai_share) AS ai_added,
         count(*) FILTER (WHERE has_ai) AS ai_prs,
         count(*) FILTER (WHERE is_revert) AS reverts,
         count(*) FILTER (WHERE was_reverted) AS reverted_prs,
         count(*) FILTER (WHERE is_hotfix) AS hotfixes,
         count(*) FILTER (WHERE incident_linked) AS incident_prs,
         count(*) FILTER (WHERE NOT (was_reverted OR is_hotfix OR incident_linked)) AS quality_prs,
         median(merge_hours) AS merge_h,
         median(merge_hours) FILTER (WHERE has_ai) AS merge_h_ai,
         median(merge_hours) FILTER (WHERE NOT has_ai) AS merge_h_non_ai,
         median(lead_hours) AS lead_h
  FROM __metric_pr
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
  GROUP BY ALL
),
first_review_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         median(hours) AS first_review_h,
         median(hours) FILTER (WHERE has_ai) AS first_review_h_ai,
         median(hours) FILTER (WHERE NOT has_ai) AS first_review_h_non_ai
  FROM __metric_first_review
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
  GROUP BY ALL
),
review_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS reviews,
         count(DISTINCT reviewer_id) AS reviewers,
         sum(hours) AS review_hours,
         sum(hours) FILTER (WHERE has_ai) AS review_hours_ai,
         sum(hours) FILTER (WHERE NOT has_ai) AS review_hours_non_ai,
         count(*) FILTER (WHERE rated) AS rated_reviews,
         count(*) FILTER (WHERE rated AND senior) AS senior_reviews,
         count(*) FILTER (WHERE rated AND has_ai) AS rated_reviews_ai,
         count(*) FILTER (WHERE rated AND senior AND has_ai) AS senior_reviews_ai,
         count(*) FILTER (WHERE rated AND NOT has_ai) AS rated_reviews_non_ai,
         count(*) FILTER (WHERE rated AND senior AND NOT has_ai) AS senior_reviews_non_ai
  FROM __metric_review
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
  GROUP BY ALL
),
scope_change AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         repo_id, failed
  FROM __metric_change
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
),
repo_changes AS (
  SELECT grp, period_start, repo_id, count(*) AS changes, count(*) FILTER (WHERE failed) AS failures
  FROM scope_change WHERE grp IS NOT NULL GROUP BY ALL
),
change_m AS (
  SELECT grp, period_start, sum(changes) AS changes, sum(failures) AS failures FROM repo_changes GROUP BY ALL
),
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
incident_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS incidents,
         count(restore_hours) AS restored,
         median(restore_hours) AS restore_h,
         quantile_cont(restore_hours, 0.9) AS restore_h_p90
  FROM __metric_incident
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
  GROUP BY ALL
),
-- Only a repo scope looks at linked PRs (a bug linked to PRs of two repos counts in each).
bug_in_scope AS (
  SELECT b.team_id, b.team_key, b.day, b.week, b.month, CAST(NULL AS UBIGINT) AS repo_id
  FROM __metric_bug b WHERE $by <> 'repo' AND $repo IS NULL
  UNION ALL
  SELECT b.team_id, b.team_key, b.day, b.week, b.month, br.repo_id
  FROM __metric_bug b JOIN __metric_bug_repo br ON br.issue_key = b.issue_key
  WHERE $by = 'repo' OR $repo IS NOT NULL
),
bug_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key WHEN 'repo' THEN repo_id ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS bugs
  FROM bug_in_scope
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND ($team IS NULL OR team_id = $team) AND ($repo IS NULL OR repo_id = hash(lower($repo)))
  GROUP BY ALL
),
ticket_m AS (
  SELECT CASE $by WHEN 'team' THEN team_key ELSE CAST(0 AS UBIGINT) END AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS tickets, count(*) FILTER (WHERE bug_or_incident) AS bug_tickets
  FROM __metric_ticket
  WHERE day BETWEEN $from::DATE AND $to::DATE
    AND $by <> 'repo' AND $repo IS NULL AND ($team IS NULL OR team_id = $team)
  GROUP BY ALL
),
nps_m AS (
  SELECT CAST(0 AS UBIGINT) AS grp,
         CASE WHEN $grain = 'week' THEN week ELSE month END AS period_start,
         count(*) AS responses,
         count(*) FILTER (WHERE score >= 9) AS promoters,
         count(*) FILTER (WHERE score <= 6) AS detractors
  FROM __metric_nps
  WHERE day BETWEEN $from::DATE AND $to::DATE AND $by = 'none' AND $team IS NULL AND $repo IS NULL
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
    AND r.repo_id IN (SELECT grp FROM pr_m UNION SELECT grp FROM change_m)
)
SELECT p.period, strftime(p.period_start, '%Y-%m-%d') AS period_start, p.days,
       g.team, g.repo, g.engineers,
       coalesce(pm.merged_prs, 0) AS merged_prs,
       coalesce(pm.added, 0) AS added_lines,
       CASE WHEN pm.added > 0 THEN pm.ai_added / pm.added END AS ai_share,
       coalesce(pm.ai_prs, 0) AS ai_prs,
       coalesce(pm.reverts, 0) AS reverts,
       coalesce(pm.reverted_prs, 0) AS reverted_prs,
       coalesce(pm.hotfixes, 0) AS hotfixes,
       coalesce(pm.incident_prs, 0) AS incident_prs,
       coalesce(pm.quality_prs, 0) AS quality_prs,
       pm.merge_h, pm.merge_h_ai, pm.merge_h_non_ai, pm.lead_h,
       fr.first_review_h, fr.first_review_h_ai, fr.first_review_h_non_ai,
       coalesce(rm.reviews, 0) AS reviews,
       coalesce(rm.reviewers, 0) AS reviewers,
       coalesce(rm.review_hours, 0) AS review_hours,
       coalesce(rm.review_hours_ai, 0) AS review_hours_ai,
       coalesce(rm.review_hours_non_ai, 0) AS review_hours_non_ai,
       coalesce(rm.rated_reviews, 0) AS rated_reviews,
       coalesce(rm.senior_reviews, 0) AS senior_reviews,
       coalesce(rm.rated_reviews_ai, 0) AS rated_reviews_ai,
       coalesce(rm.senior_reviews_ai, 0) AS senior_reviews_ai,
       coalesce(rm.rated_reviews_non_ai, 0) AS rated_reviews_non_ai,
       coalesce(rm.senior_reviews_non_ai, 0) AS senior_reviews_non_ai,
       coalesce(cm.changes, 0) AS changes,
       coalesce(cm.failures, 0) AS change_failures,
       df.per_week AS deploys_per_week,
       coalesce(im.incidents, 0) AS incidents,
       coalesce(im.restored, 0) AS restored,
       im.restore_h, im.restore_h_p90,
       coalesce(bm.bugs, 0) AS bugs,
       CASE WHEN $by <> 'repo' AND $repo IS NULL THEN coalesce(tm.tickets, 0) END AS tickets,
       CASE WHEN $by <> 'repo' AND $repo IS NULL THEN coalesce(tm.bug_tickets, 0) END AS bug_tickets,
       CASE WHEN $by = 'none' AND $team IS NULL AND $repo IS NULL THEN coalesce(nm.responses, 0) END AS nps_responses,
       coalesce(nm.promoters, 0) AS nps_promoters,
       coalesce(nm.detractors, 0) AS nps_detractors
FROM groups g
CROSS JOIN periods p
LEFT JOIN pr_m pm ON pm.grp = g.grp AND pm.period_start = p.period_start
LEFT JOIN first_review_m fr ON fr.grp = g.grp AND fr.period_start = p.period_start
LEFT JOIN review_m rm ON rm.grp = g.grp AND rm.period_start = p.period_start
LEFT JOIN change_m cm ON cm.grp = g.grp AND cm.period_start = p.period_start
LEFT JOIN deploy_freq df ON df.grp = g.grp AND df.period_start = p.period_start
LEFT JOIN incident_m im ON im.grp = g.grp AND im.period_start = p.period_start
LEFT JOIN bug_m bm ON bm.grp = g.grp AND bm.period_start = p.period_start
LEFT JOIN ticket_m tm ON tm.grp = g.grp AND tm.period_start = p.period_start
LEFT JOIN nps_m nm ON nm.grp = g.grp AND nm.period_start = p.period_start
ORDER BY p.period_start, CASE WHEN $by = 'repo' THEN g.repo ELSE g.team END NULLS FIRST
