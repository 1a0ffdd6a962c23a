-- Undertow workspace schema v3: live GitHub sync (issue 8, docs/github-sync.md).
-- How far each stream of each repo (or org, for Copilot reports) has been synced, so the next sync
-- fetches only what changed and an interrupted sync resumes where it stopped. The token is never
-- stored here (nor anywhere in the workspace); URLs are API addresses without credentials.
CREATE TABLE github_sync_state (
  api_base VARCHAR NOT NULL,           -- https://api.github.com, https://HOST/api/v3, …
  scope VARCHAR NOT NULL,              -- OWNER/REPO for repo streams, org:ORG for Copilot reports
  stream VARCHAR NOT NULL CHECK (stream IN ('pulls', 'reviews', 'commits', 'deployments', 'statuses', 'copilot')),
  cursor VARCHAR,                      -- high-water mark of the last COMPLETED pass (ISO time, or a day for copilot)
  pass_cursor VARCHAR,                 -- high-water mark the pass in progress will commit when it completes
  pass_next_url VARCHAR,               -- next page of the pass in progress (NULL = no pass in progress)
  last_synced_at TIMESTAMP,            -- when a pass last completed
  pages BIGINT NOT NULL DEFAULT 0,     -- pages imported, all passes
  records BIGINT NOT NULL DEFAULT 0,   -- records fetched, all passes
  last_error VARCHAR,                  -- the last pass's failure (NULL once a pass completes)
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (api_base, scope, stream)
);
