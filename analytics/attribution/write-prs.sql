-- Write the base result (scenario 0) into pull_requests, touching only rows whose attribution
-- changed. One bulk UPDATE: pull_requests has no index since schema v4 (with its old primary key,
-- DuckDB rewrote the LIST column ai_evidence row by row — 32 s for 600k PRs — and this was a
-- delete + re-insert instead).
UPDATE pull_requests p SET ai_share = r.ai_share, ai_evidence = r.ai_evidence, ai_confidence = r.ai_confidence
FROM __attr_result r
WHERE r.scenario = 0 AND p.rowid = r.pr_id
  AND (p.ai_share IS DISTINCT FROM r.ai_share OR p.ai_evidence IS DISTINCT FROM r.ai_evidence OR p.ai_confidence IS DISTINCT FROM r.ai_confidence);
