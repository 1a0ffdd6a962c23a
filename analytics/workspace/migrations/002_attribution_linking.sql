-- Undertow workspace schema v2: AI-attribution rules (product.md §4) and linking status (§5).
-- Rules and settings live in the workspace so every number can be recomputed from the file alone;
-- analytics/attribution and analytics/linking derive pull_requests.ai_*, commits.ai_tool, the revert
-- and hotfix flags and the link tables from them. See docs/attribution-and-linking.md.

-- kind        where the rule looks                        pattern
-- trailer     each line of a commit message / trailers    RE2 regex, case-insensitive, per line (^ $ = line)
-- body_marker each line of a commit message or PR body    RE2 regex, case-insensitive, per line
-- bot_author  PR author; commit author login or name      literal login, case-insensitive, exact
-- label       PR labels                                   literal label, case-insensitive, exact
-- branch_prefix PR head branch                            literal prefix, case-insensitive
-- copilot_usage Copilot usage per user per day            empty (the one usage rule; see the doc)
CREATE TABLE attribution_rules (
  rule_id VARCHAR PRIMARY KEY,       -- also the name recorded in pull_requests.ai_evidence
  kind VARCHAR NOT NULL CHECK (kind IN ('trailer', 'body_marker', 'bot_author', 'label', 'branch_prefix', 'copilot_usage')),
  pattern VARCHAR NOT NULL,
  tool VARCHAR,                      -- copilot, claude, cursor, …; NULL = inferred from the matched line
  confidence VARCHAR NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
  enabled BOOLEAN NOT NULL DEFAULT true,
  builtin BOOLEAN NOT NULL DEFAULT false,
  position INTEGER NOT NULL,         -- display order; the first matching rule names a commit's tool
  description VARCHAR,
  updated_at TIMESTAMP
);

INSERT INTO attribution_rules (rule_id, kind, pattern, tool, confidence, enabled, builtin, position, description) VALUES
  -- Co-authored-by trailers naming an assistant by name or by its noreply address. A human co-author
  -- (`Co-authored-by: Jane <jane@example.com>`, or a person who happens to be called Claude) does not match.
  ('trailer-co-authored-by-copilot', 'trailer', '^co-authored-by:[ \t]*((github[ \t]+)?copilot\b|.*\bcopilot@users\.noreply\.github\.com)', 'copilot', 'high', true, true, 10,
   'Co-authored-by: Copilot <…+Copilot@users.noreply.github.com>'),
  ('trailer-co-authored-by-claude', 'trailer', '^co-authored-by:[ \t]*(claude([ \t]+(code|opus|sonnet|haiku|[0-9][a-z0-9.]*))*[ \t]*(<|$)|.*@anthropic\.com\b)', 'claude', 'high', true, true, 20,
   'Co-Authored-By: Claude <noreply@anthropic.com>'),
  ('trailer-co-authored-by-cursor', 'trailer', '^co-authored-by:[ \t]*(cursor([ \t]+agent)?[ \t]*(<|$)|.*@cursor\.(com|sh)\b)', 'cursor', 'high', true, true, 30,
   'Co-authored-by: Cursor Agent <cursoragent@cursor.com>'),
  ('trailer-co-authored-by-codex', 'trailer', '^co-authored-by:[ \t]*((openai[ \t]+)?codex\b|.*\bcodex@|.*noreply@openai\.com\b)', 'codex', 'high', true, true, 40,
   'Co-authored-by: Codex <…>'),
  ('trailer-co-authored-by-gemini', 'trailer', '^co-authored-by:[ \t]*((google[ \t]+)?gemini\b|.*gemini-code-assist)', 'gemini', 'high', true, true, 50,
   'Co-authored-by: Gemini <…>'),
  ('trailer-co-authored-by-devin', 'trailer', '^co-authored-by:[ \t]*(devin[ \t]+ai\b|.*devin-ai-integration|.*@devin\.ai\b)', 'devin', 'high', true, true, 60,
   'Co-authored-by: Devin AI <…devin-ai-integration[bot]@users.noreply.github.com>'),
  ('trailer-co-authored-by-amazon-q', 'trailer', '^co-authored-by:[ \t]*(amazon[ \t]+q\b|.*amazon-q)', 'amazon-q', 'high', true, true, 70,
   'Co-authored-by: Amazon Q Developer <…>'),
  ('trailer-co-authored-by-windsurf', 'trailer', '^co-authored-by:[ \t]*(windsurf\b|codeium\b|.*@(windsurf|codeium)\.com\b)', 'windsurf', 'high', true, true, 80,
   'Co-authored-by: Windsurf <…@windsurf.com>'),
  ('trailer-made-with-cursor', 'trailer', '^made-with:[ \t]*cursor\b', 'cursor', 'high', true, true, 90,
   'Made-with: Cursor'),
  ('trailer-generated-by', 'trailer', '^generated-by:[ \t]*\S', NULL, 'high', true, true, 100,
   'Generated-by: <tool> (tool read from the line)'),
  ('trailer-assisted-by', 'trailer', '^assisted-by:[ \t]*\S', NULL, 'high', true, true, 110,
   'Assisted-by: <tool> (tool read from the line)'),
  ('body-generated-with-claude-code', 'body_marker', 'generated with \[?claude code\b', 'claude', 'high', true, true, 120,
   '🤖 Generated with [Claude Code](https://claude.com/claude-code)'),
  ('body-generated-with-copilot', 'body_marker', 'generated (with|by) \[?(github )?copilot\b', 'copilot', 'high', true, true, 130,
   'Generated with GitHub Copilot'),
  ('body-generated-with-cursor', 'body_marker', 'generated (with|by) \[?cursor\b', 'cursor', 'high', true, true, 140,
   'Generated with Cursor'),
  ('body-generated-with-codex', 'body_marker', 'generated (with|by) \[?(openai )?codex\b', 'codex', 'high', true, true, 150,
   'Generated with Codex'),
  ('body-generated-with-gemini', 'body_marker', 'generated (with|by) \[?(google )?gemini\b', 'gemini', 'high', true, true, 160,
   'Generated with Gemini'),
  -- Coding agents as authors (gh prints apps as `app/<name>`; that spelling matches `<name>[bot]`).
  ('bot-author-copilot-swe-agent', 'bot_author', 'copilot-swe-agent[bot]', 'copilot', 'high', true, true, 200, 'Copilot coding agent PRs'),
  ('bot-author-copilot', 'bot_author', 'Copilot', 'copilot', 'high', true, true, 210, 'Commits by the Copilot coding agent'),
  ('bot-author-devin', 'bot_author', 'devin-ai-integration[bot]', 'devin', 'high', true, true, 220, 'Devin PRs and commits'),
  ('bot-author-claude', 'bot_author', 'claude[bot]', 'claude', 'high', true, true, 230, 'Claude GitHub app'),
  ('bot-author-cursor', 'bot_author', 'cursor[bot]', 'cursor', 'high', true, true, 240, 'Cursor background agent'),
  ('bot-author-codex', 'bot_author', 'codex', 'codex', 'high', true, true, 250, 'OpenAI Codex'),
  ('bot-author-codex-connector', 'bot_author', 'chatgpt-codex-connector[bot]', 'codex', 'high', true, true, 260, 'OpenAI Codex cloud tasks'),
  ('bot-author-jules', 'bot_author', 'google-labs-jules[bot]', 'gemini', 'high', true, true, 270, 'Google Jules'),
  ('bot-author-amazon-q', 'bot_author', 'amazon-q-developer[bot]', 'amazon-q', 'high', true, true, 280, 'Amazon Q Developer agent'),
  ('label-ai-assisted', 'label', 'ai-assisted', NULL, 'medium', true, true, 300, 'PR label ai-assisted'),
  ('label-ai-generated', 'label', 'ai-generated', NULL, 'medium', true, true, 310, 'PR label ai-generated'),
  ('label-copilot', 'label', 'copilot', 'copilot', 'medium', true, true, 320, 'PR label copilot'),
  ('branch-prefix-copilot', 'branch_prefix', 'copilot/', 'copilot', 'medium', true, true, 400, 'Branches copilot/…'),
  ('branch-prefix-claude', 'branch_prefix', 'claude/', 'claude', 'medium', true, true, 410, 'Branches claude/…'),
  ('branch-prefix-cursor', 'branch_prefix', 'cursor/', 'cursor', 'medium', true, true, 420, 'Branches cursor/…'),
  ('branch-prefix-codex', 'branch_prefix', 'codex/', 'codex', 'medium', true, true, 430, 'Branches codex/…'),
  ('branch-prefix-devin', 'branch_prefix', 'devin/', 'devin', 'medium', true, true, 440, 'Branches devin/…'),
  ('copilot-usage', 'copilot_usage', '', 'copilot', 'low', true, true, 900,
   'Copilot usage report: the author''s accepted lines that day, spread over that day''s commits');

-- Linking settings (product.md §5) live in the `settings` table as JSON under `linking.*` keys. Their
-- defaults (72 h window, no urgency/priority filter, hotfix/ and hotfix- branches, production/prod
-- environments) are defined in code (analytics/linking/settings.ts, like jira.bugTypes) and written
-- only when the user changes them, so a new workspace's canonical tables stay empty.

-- Why each incident is (not) linked, so unlinked incidents are counted and can be listed.
-- status: deployment | pr | filtered (urgency/priority filter) | no_team (service not in the org map)
--         | no_candidate (no deployment or merged PR of the team's repos in the window)
CREATE TABLE incident_link_status (
  source VARCHAR NOT NULL,
  incident_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL CHECK (status IN ('deployment', 'pr', 'filtered', 'no_team', 'no_candidate')),
  team_id VARCHAR,
  PRIMARY KEY (source, incident_id)
);

-- New PRs start as "no evidence" (what attribution writes for them), so the first recompute after an
-- import rewrites only the PRs that do carry evidence (see analytics/attribution/write-prs.sql).
ALTER TABLE pull_requests ALTER COLUMN ai_share SET DEFAULT 0;
ALTER TABLE pull_requests ALTER COLUMN ai_evidence SET DEFAULT CAST([] AS VARCHAR[]);
ALTER TABLE pull_requests ALTER COLUMN ai_confidence SET DEFAULT 'none';
