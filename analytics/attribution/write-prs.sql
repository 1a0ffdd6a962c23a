-- Write the base result (scenario 0) into pull_requests, touching only rows whose attribution
-- changed. DuckDB updates a LIST column of an indexed table row by row (measured: 32 s for 600k
-- PRs), so rows whose ai_evidence changes are rewritten as one bulk delete + insert (≈ 2 s for
-- 600k; the primary key allows re-inserting a key deleted in the same transaction); rows where only
-- the share or confidence moved get a plain UPDATE — first, while row ids still match pr_id.
UPDATE pull_requests p SET ai_share = r.ai_share, ai_confidence = r.ai_confidence
FROM __attr_result r
WHERE r.scenario = 0 AND p.rowid = r.pr_id
  AND p.ai_evidence IS NOT DISTINCT FROM r.ai_evidence
  AND (p.ai_share IS DISTINCT FROM r.ai_share OR p.ai_confidence IS DISTINCT FROM r.ai_confidence);

CREATE OR REPLACE TEMP TABLE __attr_pr_rewrite AS
SELECT p.* REPLACE (r.ai_share AS ai_share, r.ai_evidence AS ai_evidence, r.ai_confidence AS ai_confidence)
FROM pull_requests p
JOIN __attr_result r ON r.scenario = 0 AND p.rowid = r.pr_id
WHERE p.ai_evidence IS DISTINCT FROM r.ai_evidence;

DELETE FROM pull_requests p USING __attr_pr_rewrite n WHERE p.repo = n.repo AND p.number = n.number;

INSERT INTO pull_requests SELECT * FROM __attr_pr_rewrite;

DROP TABLE __attr_pr_rewrite;
