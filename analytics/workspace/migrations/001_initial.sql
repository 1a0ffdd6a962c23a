-- Undertow workspace schema v1: the canonical tables of product.md §3.
-- Conventions: all times are UTC stored as TIMESTAMP; every row loaded from a file keeps
-- source_import (→ imports.import_id) and its natural key as the primary key, so imports are
-- idempotent upserts and every number can be traced back to its rows.

CREATE TABLE undertow_meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE imports (
  import_id BIGINT PRIMARY KEY,
  file_path VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  sha256 VARCHAR,
  format VARCHAR NOT NULL,
  source VARCHAR NOT NULL,           -- github, jira, pagerduty, copilot, helpdesk, nps, org, github-api, demo
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status VARCHAR NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  inserted BIGINT NOT NULL DEFAULT 0,
  updated BIGINT NOT NULL DEFAULT 0,
  unchanged BIGINT NOT NULL DEFAULT 0,
  rejected BIGINT NOT NULL DEFAULT 0,
  error VARCHAR
);

CREATE TABLE import_rejects (
  import_id BIGINT NOT NULL,
  line BIGINT NOT NULL,              -- CSV: spreadsheet row (header = 1); JSON: 1-based record index
  field VARCHAR,
  reason VARCHAR NOT NULL,
  raw VARCHAR
);

CREATE TABLE teams (
  team_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  source_import BIGINT
);

-- The org map: the one editable source of "who/what belongs to which team".
-- type: person | repo | service | jira_project | jira_component
CREATE TABLE org_map (
  type VARCHAR NOT NULL CHECK (type IN ('person', 'repo', 'service', 'jira_project', 'jira_component')),
  key VARCHAR NOT NULL,
  team_id VARCHAR NOT NULL,
  seniority VARCHAR,                 -- people only: junior | mid | senior | staff | principal
  source_import BIGINT,
  PRIMARY KEY (type, key)
);

-- Entities as seen in the data (their team comes from org_map).
CREATE TABLE people (
  login VARCHAR PRIMARY KEY,
  display_name VARCHAR,
  email VARCHAR,
  is_bot BOOLEAN NOT NULL DEFAULT false,
  source_import BIGINT
);

CREATE TABLE repos (
  repo VARCHAR PRIMARY KEY,          -- owner/name
  url VARCHAR,
  default_branch VARCHAR,
  source_import BIGINT
);

CREATE TABLE services (
  service_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  source_import BIGINT
);

CREATE TABLE pull_requests (
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
  ai_share DOUBLE CHECK (ai_share IS NULL OR (ai_share >= 0 AND ai_share <= 1)),
  ai_evidence VARCHAR[],             -- the attribution rules that fired
  ai_confidence VARCHAR CHECK (ai_confidence IS NULL OR ai_confidence IN ('none', 'low', 'medium', 'high')),
  source_import BIGINT,
  PRIMARY KEY (repo, number)
);

CREATE TABLE commits (
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
  source_import BIGINT,
  PRIMARY KEY (repo, sha)
);

CREATE TABLE reviews (
  repo VARCHAR NOT NULL,
  pr_number INTEGER NOT NULL,
  review_id VARCHAR NOT NULL,
  reviewer VARCHAR,
  state VARCHAR,                     -- APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED
  submitted_at TIMESTAMP,
  source_import BIGINT,
  PRIMARY KEY (repo, pr_number, review_id)
);

CREATE TABLE deployments (
  repo VARCHAR NOT NULL,
  deployment_id VARCHAR NOT NULL,
  service_id VARCHAR,
  sha VARCHAR,
  ref VARCHAR,
  environment VARCHAR,
  status VARCHAR,                    -- success | failure | error | inactive | in_progress …
  created_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  source_import BIGINT,
  PRIMARY KEY (repo, deployment_id)
);

CREATE TABLE issues (
  issue_key VARCHAR PRIMARY KEY,     -- ABC-123
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

CREATE TABLE incidents (
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
  source_import BIGINT,
  PRIMARY KEY (source, incident_id)
);

CREATE TABLE tickets (
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
  source_import BIGINT,
  PRIMARY KEY (source, ticket_id)
);

CREATE TABLE nps_responses (
  source VARCHAR NOT NULL,
  response_id VARCHAR NOT NULL,
  responded_at TIMESTAMP NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  account VARCHAR,
  segment VARCHAR,
  comment VARCHAR,
  source_import BIGINT,
  PRIMARY KEY (source, response_id)
);

CREATE TABLE copilot_usage (
  day DATE NOT NULL,
  scope VARCHAR NOT NULL CHECK (scope IN ('user', 'org')),
  user_login VARCHAR NOT NULL,       -- '' for org-level rows
  loc_suggested BIGINT,
  loc_added BIGINT,
  interactions BIGINT,
  active BOOLEAN,
  source_import BIGINT,
  PRIMARY KEY (day, scope, user_login)
);

CREATE TABLE issue_pr_links (
  issue_key VARCHAR NOT NULL,
  repo VARCHAR NOT NULL,
  pr_number INTEGER NOT NULL,
  rule VARCHAR NOT NULL,             -- which text linked them: title | branch | body | commit
  PRIMARY KEY (issue_key, repo, pr_number)
);

CREATE TABLE incident_change_links (
  source VARCHAR NOT NULL,
  incident_id VARCHAR NOT NULL,
  change_kind VARCHAR NOT NULL CHECK (change_kind IN ('deployment', 'pr')),
  repo VARCHAR NOT NULL,
  change_id VARCHAR NOT NULL,        -- deployment_id or PR number
  rule VARCHAR NOT NULL,             -- e.g. last-deploy-72h, merged-pr-72h
  PRIMARY KEY (source, incident_id, change_kind, repo, change_id)
);

CREATE TABLE settings (
  key VARCHAR PRIMARY KEY,
  value JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE scenarios (
  scenario_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE,
  levers JSON NOT NULL,
  assumptions JSON NOT NULL,
  seed INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
