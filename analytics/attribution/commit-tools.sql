-- commits.ai_tool from the base scenario (0): the tool of the commit's own first matching rule (by
-- rule position; 'unknown' when the rule names none and the line names no known assistant); else,
-- in a whole-AI PR, the tool the PR-level marker names; else, for an unmarked commit that received
-- Copilot-usage lines, the usage rule's tool. Only commits that get a tool are listed.
CREATE OR REPLACE TEMP TABLE __attr_commit_tool AS
WITH own AS (
  SELECT h.cid,
         coalesce(arg_min(h.tool, r.position) FILTER (WHERE h.tool IS NOT NULL), 'unknown') AS tool
  FROM __attr_commit_hits h
  JOIN __attr_active a ON a.scenario = 0 AND a.rid = h.rid
  JOIN __attr_rules r ON r.rid = h.rid
  GROUP BY h.cid
),
inherited AS (
  SELECT u.unit AS cid,
         CASE WHEN res.whole THEN coalesce(res.pr_tool, 'unknown')
              WHEN res.usage_tool IS NOT NULL AND u.u > 0 THEN res.usage_tool END AS tool
  FROM __attr_units u
  JOIN __attr_result res ON res.scenario = 0 AND res.pr_id = u.pr_id
  WHERE u.unit >= 0 AND res.ai_confidence <> 'none'
)
SELECT coalesce(o.cid, i.cid) AS cid, coalesce(o.tool, i.tool) AS tool
FROM own o
FULL OUTER JOIN inherited i ON i.cid = o.cid
WHERE coalesce(o.tool, i.tool) IS NOT NULL;
