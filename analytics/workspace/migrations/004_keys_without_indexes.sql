-- Undertow workspace schema v4: the imported fact tables keep their natural keys without a
-- PRIMARY KEY index. The importers' upsert (analytics/importers/upsert.ts) already keeps every key
-- unique — it merges a file's repeated keys and updates stored keys instead of inserting them — so
-- the index only cost time: maintaining it was about a third of importing `gh pr list` output
-- (600k PRs, 2M commits), and DuckDB rewrites an indexed table's LIST columns row by row.
-- DuckDB cannot drop a primary key in place, so each table is rebuilt: same columns, order,
-- defaults and checks; rows copied as they are.

CREATE TABLE __v4_pull_requests (
  repo VARCHAR NOT NULL,
  number INTEGER NOT NULL,
  title VARCHAR,
  body VARCHAR,
  author VARCHAR,
  head_ref VARCHAR,
  base_ref VARCHAR,
  state VARCHAR,                     -- open | closed | merged
  is_draft BOOLEAN,
  created_at TIMESTAMP NOT NULL,
  merged_at TIMESTAMP,
  closed_at TIMESTAMP,
  additions INTEGER,
  deletions INTEGER,
  changed_files INTEGER,
  labels VARCHAR[],
  merge_commit_sha VARCHAR,
  url VARCHAR,
  is_revert BOOLEAN NOT NULL DEFAULT false,
  reverts_pr INTEGER,
  is_hotfix BOOLEAN NOT NULL DEFAULT false,
  ai_share DOUBLE DEFAULT 0 CHECK (ai_share IS NULL OR (ai_share >= 0 AND ai_share <= 1)),
  ai_evidence VARCHAR[] DEFAULT CAST([] AS VARCHAR[]),   -- the attribution rules that fired
  ai_confidence VARCHAR DEFAULT 'none' CHECK (ai_confidence IS NULL OR ai_confidence IN ('none', 'low', 'medium', 'high')),
  source_import BIGINT
  -- natural key: (repo, number)
);
INSERT INTO __v4_pull_requests SELECT * FROM pull_requests;
DROP TABLE pull_requests;
ALTER TABLE __v4_pull_requests RENAME TO pull_requests;

CREATE TABLE __v4_commits (
  repo VARCHAR NOT NULL,
  sha VARCHAR NOT NULL,
  pr_number INTEGER,
  author_login VARCHAR,
  author_name VARCHAR,
  author_email VARCHAR,
  authored_at TIMESTAMP,
  committed_at TIMESTAMP,
  message VARCHAR,
  additions INTEGER,
  deletions INTEGER,
  trailers VARCHAR[],                -- "Key: value" trailer lines as written
  ai_tool VARCHAR,                   -- tool named by the evidence, e.g. copilot, claude, cursor
  source_import BIGINT
  -- natural key: (repo, sha)
);
INSERT INTO __v4_commits SELECT * FROM commits;
DROP TABLE commits;
ALTER TABLE __v4_commits RENAME TO commits;

CREATE TABLE __v4_reviews (
  repo VARCHAR NOT NULL,
  pr_number INTEGER NOT NULL,
  review_id VARCHAR NOT NULL,
  reviewer VARCHAR,
  state VARCHAR,                     -- APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED
  submitted_at TIMESTAMP,
  source_import BIGINT
  -- natural key: (repo, pr_number, review_id)
);
INSERT INTO __v4_reviews SELECT * FROM reviews;
DROP TABLE reviews;
ALTER TABLE __v4_reviews RENAME TO reviews;

CREATE TABLE __v4_deployments (
  repo VARCHAR NOT NULL,
  deployment_id VARCHAR NOT NULL,
  service_id VARCHAR,
  sha VARCHAR,
  ref VARCHAR,
  environment VARCHAR,
  status VARCHAR,                    -- success | failure | error | inactive | in_progress …
  created_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  source_import BIGINT
  -- natural key: (repo, deployment_id)
);
INSERT INTO __v4_deployments SELECT * FROM deployments;
DROP TABLE deployments;
ALTER TABLE __v4_deployments RENAME TO deployments;

CREATE TABLE __v4_issues (
  issue_key VARCHAR NOT NULL,        -- ABC-123; the natural key
  issue_id VARCHAR,
  project VARCHAR,
  summary VARCHAR,
  issue_type VARCHAR,
  is_bug BOOLEAN NOT NULL DEFAULT false,
  priority VARCHAR,
  status VARCHAR,
  status_category VARCHAR,           -- new | indeterminate | done
  created_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  story_points DOUBLE,
  sprint VARCHAR,
  parent_key VARCHAR,
  epic_key VARCHAR,
  components VARCHAR[],
  labels VARCHAR[],
  dev_pr_count INTEGER,              -- Jira's "Custom field (Development)" PR count, kept as a count only
  url VARCHAR,
  source_import BIGINT
);
INSERT INTO __v4_issues SELECT * FROM issues;
DROP TABLE issues;
ALTER TABLE __v4_issues RENAME TO issues;

CREATE TABLE __v4_incidents (
  source VARCHAR NOT NULL,           -- pagerduty
  incident_id VARCHAR NOT NULL,
  number INTEGER,
  title VARCHAR,
  service_id VARCHAR,
  service_name VARCHAR,
  urgency VARCHAR,                   -- high | low
  priority VARCHAR,                  -- P1..P5 where the account uses priorities
  status VARCHAR,
  created_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  source_team VARCHAR,               -- the team named by the source, if any (the org map decides)
  url VARCHAR,
  source_import BIGINT
  -- natural key: (source, incident_id)
);
INSERT INTO __v4_incidents SELECT * FROM incidents;
DROP TABLE incidents;
ALTER TABLE __v4_incidents RENAME TO incidents;

CREATE TABLE __v4_tickets (
  source VARCHAR NOT NULL,           -- zendesk | generic
  ticket_id VARCHAR NOT NULL,
  subject VARCHAR,
  status VARCHAR,
  priority VARCHAR,
  ticket_type VARCHAR,
  tags VARCHAR[],
  account VARCHAR,
  created_at TIMESTAMP NOT NULL,
  solved_at TIMESTAMP,
  source_import BIGINT
  -- natural key: (source, ticket_id)
);
INSERT INTO __v4_tickets SELECT * FROM tickets;
DROP TABLE tickets;
ALTER TABLE __v4_tickets RENAME TO tickets;

CREATE TABLE __v4_nps_responses (
  source VARCHAR NOT NULL,
  response_id VARCHAR NOT NULL,
  responded_at TIMESTAMP NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  account VARCHAR,
  segment VARCHAR,
  comment VARCHAR,
  source_import BIGINT
  -- natural key: (source, response_id)
);
INSERT INTO __v4_nps_responses SELECT * FROM nps_responses;
DROP TABLE nps_responses;
ALTER TABLE __v4_nps_responses RENAME TO nps_responses;

CREATE TABLE __v4_copilot_usage (
  day DATE NOT NULL,
  scope VARCHAR NOT NULL CHECK (scope IN ('user', 'org')),
  user_login VARCHAR NOT NULL,       -- '' for org-level rows
  loc_suggested BIGINT,
  loc_added BIGINT,
  interactions BIGINT,
  active BOOLEAN,
  source_import BIGINT
  -- natural key: (day, scope, user_login)
);
INSERT INTO __v4_copilot_usage SELECT * FROM copilot_usage;
DROP TABLE copilot_usage;
ALTER TABLE __v4_copilot_usage RENAME TO copilot_usage;
