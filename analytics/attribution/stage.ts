/**
 * Evidence staging: which rule matches which commit and which PR, as temp tables, in a handful of
 * set-based statements whatever the number of rules.
 *
 * Regex rules are matched line by line. A cheap prefilter (the literal text every pattern must
 * contain, e.g. `co-authored-by:`) and then one combined regex (every pattern as an alternative)
 * select the commits and PR bodies that can match anything, and the lines within them that do; each
 * rule is then tested only against the DISTINCT matching lines — a few thousand strings even for
 * millions of commits, since trailers repeat. Patterns are bound parameters: DuckDB compiles a
 * constant pattern once, whereas a pattern read from a joined column is compiled per row (measured:
 * 70× slower).
 *
 * Rows are keyed by DuckDB's `rowid` (pr_id, cid) and rules by their index (rid): integer joins keep
 * the later steps fast at millions of rows. Row ids are stable within the transaction until the
 * writes at the very end.
 */
import { dropTempObjects, type Queryable } from '../workspace/workspace';
import { compiledPattern, type RuleConfidence, type RuleKind } from './model';
import { inferToolSql } from './tools';
import unitsSql from './units.sql';

/** A rule as staged: stored rules, or unsaved drafts (rule match previews). */
export interface StagedRule {
  ruleId: string;
  kind: RuleKind;
  pattern: string;
  tool: string | null;
  confidence: RuleConfidence;
  enabled: boolean;
  position: number;
}

export const RANK: Readonly<Record<RuleConfidence, number>> = { low: 1, medium: 2, high: 3 };

/** `repos` restricts rule matching to these repos (null = all). */
export interface StageOptions {
  repos: readonly string[] | null;
}

/** SQL for a login as the bot rules compare it: gh's `app/<name>` is GitHub's `<name>[bot]`. */
export function botKeySql(expr: string): string {
  return `CASE WHEN starts_with(lower(trim(${expr})), 'app/') THEN substr(lower(trim(${expr})), 5) || '[bot]' ELSE lower(trim(${expr})) END`;
}

function scopeSql(alias: string, options: StageOptions): string {
  return options.repos ? `list_contains(CAST(CAST($repos AS JSON) AS VARCHAR[]), ${alias}.repo)` : 'true';
}

function scopeParams(options: StageOptions): Record<string, string> | undefined {
  return options.repos ? { repos: JSON.stringify(options.repos) } : undefined;
}

/**
 * The literal text (lower-case ASCII, ≥ 4 characters) that every match of `pattern` must contain,
 * read from the pattern's start (after `^`), or null when there is none to be sure of — then the
 * prefilter is skipped and the combined regex alone decides. Only an optimisation: it never changes
 * which lines match.
 */
export function requiredLiteral(pattern: string): string | null {
  // A top-level alternative would make the prefix optional.
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return null;
  }
  let i = pattern.startsWith('^') ? 1 : 0;
  let literal = '';
  while (i < pattern.length && /[A-Za-z0-9 :_\-@/,;=<>'"!#%&~`]/.test(pattern[i]!)) literal += pattern[i++];
  if (i < pattern.length && /[?*{]/.test(pattern[i]!)) literal = literal.slice(0, -1); // last char optional
  return literal.length >= 4 ? literal.toLowerCase() : null;
}

/** Rules into `__attr_rules` (rid = index; key = the literal pattern as compared), in one statement. */
async function stageRules(tx: Queryable, rules: readonly StagedRule[]): Promise<void> {
  const rows = rules.map((r, rid) => ({ rid, rule_id: r.ruleId, kind: r.kind, pattern: r.pattern, tool: r.tool, rank: RANK[r.confidence], position: r.position, enabled: r.enabled }));
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE __attr_rules AS
     SELECT rid, rule_id, kind,
            CASE kind WHEN 'bot_author' THEN ${botKeySql('pattern')}
                      WHEN 'label' THEN lower(trim(pattern))
                      WHEN 'branch_prefix' THEN lower(trim(pattern)) END AS key,
            tool, rank, position, enabled
     FROM (SELECT unnest(CAST(CAST($rules AS JSON) AS STRUCT(rid INTEGER, rule_id VARCHAR, kind VARCHAR, pattern VARCHAR, tool VARCHAR, rank INTEGER, position INTEGER, enabled BOOLEAN)[]), recursive := true))`,
    { rules: JSON.stringify(rows) },
  );
}

/**
 * Regex rules over the lines of texts: `__attr_<name>_lines` (row id + line) for every line that
 * matches any rule, then `__attr_<name>_line_rules` (line, rid, inferred tool) per rule. `texts`
 * are SQL expressions over the source row `s`: multi-line texts (split into lines) and lists of
 * lines (a commit's trailers).
 */
async function matchLines(
  tx: Queryable,
  name: 'commit' | 'body',
  source: { text: string; lineLists: readonly string[]; from: string },
  rules: ReadonlyArray<{ rid: number; rule: StagedRule }>,
  options: StageOptions,
): Promise<boolean> {
  if (rules.length === 0) return false;
  const lines = `__attr_${name}_lines`;
  const alternatives = rules.map(({ rule }) => `(?:${rule.pattern})`).join('|');
  const literals = rules.map(({ rule }) => requiredLiteral(rule.pattern));
  const keywords = literals.every((l) => l !== null) ? [...new Set(literals as string[])] : [];
  const params: Record<string, string> = { any_line: compiledPattern(alternatives), ...scopeParams(options) };
  keywords.forEach((k, i) => (params[`kw${i}`] = k));
  // Texts that can contain a match: every pattern's literal is a cheap test; without literals for all
  // patterns, the combined regex over the whole text (multi-line mode, CRs removed so `$` works).
  let candidate: string;
  if (keywords.length > 0) {
    candidate = `(${keywords.map((_, i) => `contains(lower(${source.text}), $kw${i})`).join(' OR ')})`;
  } else {
    params.any_text = `(?im)(?:${alternatives})`;
    candidate = `regexp_matches(replace(${source.text}, chr(13), ''), $any_text)`;
  }
  const lineSources = [
    `SELECT id, rtrim(unnest(string_split(txt, chr(10))), chr(13)) AS line
     FROM (SELECT s.rowid AS id, ${source.text} AS txt FROM ${source.from} WHERE ${scopeSql('s', options)} AND ${candidate})`,
    ...source.lineLists.map(
      (list) => `SELECT id, rtrim(unnest(lst), chr(13)) AS line
        FROM (SELECT s.rowid AS id, ${list} AS lst FROM ${source.from} WHERE ${scopeSql('s', options)} AND len(${list}) > 0)`,
    ),
  ];
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${lines} AS
     SELECT DISTINCT id, line FROM (${lineSources.join('\nUNION ALL\n')})
     WHERE regexp_matches(line, $any_line)`,
    params,
  );
  const ruleParams: Record<string, string | number> = {};
  const branches = rules.map(({ rid, rule }, i) => {
    ruleParams[`r${i}`] = rid;
    ruleParams[`p${i}`] = compiledPattern(rule.pattern);
    return `SELECT line, CAST($r${i} AS INTEGER) AS rid FROM d WHERE regexp_matches(line, $p${i})`;
  });
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE __attr_${name}_line_rules AS
     WITH d AS (SELECT DISTINCT line FROM ${lines}),
          m AS (${branches.join('\nUNION ALL\n')})
     SELECT line, rid, ${inferToolSql('line')} AS inferred FROM m`,
    ruleParams,
  );
  return true;
}

/**
 * Stage the evidence of `rules` (enabled or not — callers decide which are active):
 * - `__attr_rules(rid, rule_id, kind, key, tool, rank, position, enabled)`
 * - `__attr_commit_hits(cid, repo, sha, rid, tool)`: trailers/body markers in commit messages and
 *   trailers, agent authors of commits (cid = commits.rowid)
 * - `__attr_pr_hits(pr_id, rid, tool, level)`: level 'pr' = PR-level markers (agent author, label,
 *   branch prefix, PR body marker); 'squash' = markers in the PR's merge commit (pr_id = rowid)
 * - `__attr_units`: every PR's commits (or the PR itself when no commit is known) with line weight
 *   `w` and Copilot-usage lines `u` (see units.sql). Always computed over all PRs: a user's usage
 *   on a day is spread over all of that day's commits, whatever the scope.
 */
export async function stageEvidence(tx: Queryable, rules: readonly StagedRule[], options: StageOptions): Promise<void> {
  await stageRules(tx, rules);
  await tx.run('CREATE OR REPLACE TEMP TABLE __attr_commit_hits (cid BIGINT, repo VARCHAR, sha VARCHAR, rid INTEGER, tool VARCHAR)');
  await tx.run('CREATE OR REPLACE TEMP TABLE __attr_pr_hits (pr_id BIGINT, rid INTEGER, tool VARCHAR, level VARCHAR)');
  const indexed = rules.map((rule, rid) => ({ rid, rule }));

  // Commit messages (+ trailers): trailer and body-marker rules, line by line.
  const commitRules = indexed.filter(({ rule }) => rule.kind === 'trailer' || rule.kind === 'body_marker');
  if (await matchLines(tx, 'commit', { text: 's.message', lineLists: ['s.trailers'], from: 'commits s' }, commitRules, options)) {
    await tx.run(`INSERT INTO __attr_commit_hits
      SELECT h.id, c.repo, c.sha, h.rid, h.tool FROM (
        SELECT l.id, m.rid, min(coalesce(r.tool, m.inferred)) AS tool
        FROM __attr_commit_lines l JOIN __attr_commit_line_rules m ON m.line = l.line JOIN __attr_rules r ON r.rid = m.rid
        GROUP BY l.id, m.rid
      ) h JOIN commits c ON c.rowid = h.id`);
  }
  // Agent authors of commits, by login or by name (gh leaves the login empty for unlinked e-mails).
  if (rules.some((r) => r.kind === 'bot_author')) {
    await tx.run(
      `INSERT INTO __attr_commit_hits
       SELECT cid, repo, sha, rid, min(tool) FROM (
         SELECT s.rowid AS cid, s.repo, s.sha, r.rid, r.tool FROM commits s JOIN __attr_rules r ON r.kind = 'bot_author' AND r.key = ${botKeySql('s.author_login')} WHERE ${scopeSql('s', options)}
         UNION ALL
         SELECT s.rowid, s.repo, s.sha, r.rid, r.tool FROM commits s JOIN __attr_rules r ON r.kind = 'bot_author' AND r.key = lower(trim(s.author_name)) WHERE ${scopeSql('s', options)}
       ) GROUP BY cid, repo, sha, rid`,
      scopeParams(options),
    );
  }

  // PR-level markers.
  await tx.run(
    `INSERT INTO __attr_pr_hits
     SELECT s.rowid, r.rid, r.tool, 'pr' FROM pull_requests s
       JOIN __attr_rules r ON r.kind = 'bot_author' AND r.key = ${botKeySql('s.author')} WHERE ${scopeSql('s', options)}
     UNION ALL
     SELECT DISTINCT l.pr_id, r.rid, r.tool, 'pr'
       FROM (SELECT s.rowid AS pr_id, lower(trim(unnest(s.labels))) AS label FROM pull_requests s WHERE ${scopeSql('s', options)} AND len(s.labels) > 0) l
       JOIN __attr_rules r ON r.kind = 'label' AND r.key = l.label
     UNION ALL
     SELECT s.rowid, r.rid, r.tool, 'pr' FROM pull_requests s
       JOIN __attr_rules r ON r.kind = 'branch_prefix' AND starts_with(lower(s.head_ref), r.key) WHERE ${scopeSql('s', options)}`,
    scopeParams(options),
  );
  const bodyRules = indexed.filter(({ rule }) => rule.kind === 'body_marker');
  if (await matchLines(tx, 'body', { text: 's.body', lineLists: [], from: 'pull_requests s' }, bodyRules, options)) {
    await tx.run(`INSERT INTO __attr_pr_hits
      SELECT l.id, m.rid, min(coalesce(r.tool, m.inferred)), 'pr'
      FROM __attr_body_lines l JOIN __attr_body_line_rules m ON m.line = l.line JOIN __attr_rules r ON r.rid = m.rid
      GROUP BY l.id, m.rid`);
  }
  // Squash merges keep the squashed commits' trailers in the merge commit's body.
  await tx.run(`INSERT INTO __attr_pr_hits
    SELECT p.rowid, h.rid, h.tool, 'squash'
    FROM pull_requests p JOIN __attr_commit_hits h ON h.repo = p.repo AND h.sha = p.merge_commit_sha`);

  await tx.run(unitsSql);
}

/** Drop every staging table (they are connection-wide temp tables). */
export const dropStaging = (tx: Queryable): Promise<void> => dropTempObjects(tx, '__attr_');
