-- ai_share, ai_evidence and ai_confidence (product.md §4) per PR (pr_id = its rowid) and scenario
-- (an integer; 0 = base), from the staged evidence (stage.ts, units.sql). A scenario is a set of active rules (`__attr_active`) applied to a
-- set of PRs (`__attr_scope`): recompute uses one scenario (0 = the enabled rules, every PR in
-- scope); the sensitivity analysis adds one per rule toggled, over the PRs that rule touches.
--
-- Per PR:
--   whole  = a PR-level marker fired (agent author, label, branch prefix, PR body marker), or the
--            merge (squash) commit carries a marker and no individual commit does      → share 1
--   else   = (Σ w of marked commits + Σ u of unmarked commits) / Σ w                   (lines)
--            or marked commits / commits when line counts are unknown or all zero      (commits)
--   Copilot usage (u) counts only when its rule is active and the PR is not whole.
--   No evidence ⇒ share 0, confidence 'none'. Confidence = the strongest rule that fired.
CREATE OR REPLACE TEMP TABLE __attr_ch AS
SELECT s.scenario, u.pr_id, u.unit, h.rid, u.w, u.u
FROM __attr_scope s
JOIN __attr_units u ON u.pr_id = s.pr_id
JOIN __attr_commit_hits h ON h.cid = u.unit
JOIN __attr_active a ON a.scenario = s.scenario AND a.rid = h.rid;

CREATE OR REPLACE TEMP TABLE __attr_result AS
WITH ph AS (
  SELECT s.scenario, h.pr_id, h.rid, h.tool, h.level
  FROM __attr_scope s
  JOIN __attr_pr_hits h ON h.pr_id = s.pr_id
  JOIN __attr_active a ON a.scenario = s.scenario AND a.rid = h.rid
),
usage_rule AS (
  SELECT a.scenario, r.rid, r.tool
  FROM __attr_active a JOIN __attr_rules r ON r.rid = a.rid
  WHERE r.kind = 'copilot_usage'
  QUALIFY row_number() OVER (PARTITION BY a.scenario ORDER BY r.position, r.rid) = 1
),
-- Marked units per scenario and PR (their lines, and the usage lines they do not need).
marked AS (
  SELECT scenario, pr_id, count(*) AS n_marked, sum(w) AS w_marked, sum(u) AS u_marked, count(*) FILTER (WHERE u > 0) AS n_usage_marked
  FROM (SELECT DISTINCT scenario, pr_id, unit, w, u FROM __attr_ch)
  GROUP BY scenario, pr_id
),
agg AS (
  SELECT s.scenario, s.pr_id, p.n_commits, p.w_total,
         coalesce(m.n_marked, 0) AS n_marked,
         coalesce(m.w_marked, 0) AS w_marked,
         -- Usage lines of the unmarked units (a difference of sums: clamp the rounding).
         CASE WHEN p.n_usage - coalesce(m.n_usage_marked, 0) > 0 THEN greatest(0.0, p.u_total - coalesce(m.u_marked, 0)) ELSE 0.0 END AS w_usage
  FROM __attr_scope s
  JOIN __attr_pr_units p ON p.pr_id = s.pr_id
  LEFT JOIN marked m ON m.scenario = s.scenario AND m.pr_id = s.pr_id
),
flags AS (
  SELECT ph.scenario, ph.pr_id,
         bool_or(ph.level = 'pr') AS pr_level,
         bool_or(ph.level = 'squash') AS squash,
         -- The tool a whole-PR marker names: PR-level before squash, then rule order; named before unnamed.
         arg_min(ph.tool, CASE ph.level WHEN 'pr' THEN 0 ELSE 1000000 END + r.position) FILTER (WHERE ph.tool IS NOT NULL) AS pr_tool
  FROM ph JOIN __attr_rules r ON r.rid = ph.rid
  GROUP BY ph.scenario, ph.pr_id
),
shares AS (
  SELECT a.scenario, a.pr_id,
         coalesce(f.pr_level, false) OR (coalesce(f.squash, false) AND a.n_marked = 0) AS whole,
         f.pr_tool, ur.rid AS usage_rid, ur.tool AS usage_tool,
         a.n_commits, a.n_marked, a.w_total, a.w_marked,
         CASE WHEN ur.rid IS NULL THEN 0 ELSE a.w_usage END AS w_usage
  FROM agg a  -- every PR has at least one unit, so agg has every PR in scope
  LEFT JOIN flags f ON f.scenario = a.scenario AND f.pr_id = a.pr_id
  LEFT JOIN usage_rule ur ON ur.scenario = a.scenario
),
raw AS (
  SELECT *,
         NOT whole AND w_usage > 0 AS usage_fired,
         CASE WHEN whole THEN 1.0
              WHEN w_total > 0 THEN least(1.0, (w_marked + w_usage) / w_total)
              WHEN n_commits > 0 THEN n_marked / n_commits
              ELSE 0.0 END AS share
  FROM shares
),
evidence AS (
  SELECT scenario, pr_id, rid FROM ph
  UNION
  SELECT scenario, pr_id, rid FROM __attr_ch
  UNION
  SELECT scenario, pr_id, usage_rid FROM raw WHERE usage_fired
),
ev AS (
  SELECT e.scenario, e.pr_id, list_sort(list(r.rule_id)) AS rules, max(r.rank) AS rank
  FROM evidence e JOIN __attr_rules r ON r.rid = e.rid
  GROUP BY e.scenario, e.pr_id
)
SELECT r.scenario, r.pr_id,
       CASE WHEN e.rank IS NULL THEN 0.0 ELSE round(r.share, 6) END AS ai_share,
       coalesce(e.rules, CAST([] AS VARCHAR[])) AS ai_evidence,
       CASE e.rank WHEN 3 THEN 'high' WHEN 2 THEN 'medium' WHEN 1 THEN 'low' ELSE 'none' END AS ai_confidence,
       r.whole, r.pr_tool,
       CASE WHEN NOT r.whole THEN r.usage_tool END AS usage_tool
FROM raw r
LEFT JOIN ev e ON e.scenario = r.scenario AND e.pr_id = r.pr_id;
