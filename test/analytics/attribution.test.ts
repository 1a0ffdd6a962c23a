import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attributionSensitivity,
  deleteRule,
  listRules,
  recomputeAttribution,
  ruleMatchCounts,
  saveRule,
  type AttributionRule,
} from '../../analytics/attribution';
import { requiredLiteral } from '../../analytics/attribution/stage';
import { UndertowError } from '../../analytics/errors';
import { Workspace } from '../../analytics/workspace/workspace';
import { contentHash } from './helpers/content';
import { tempDir } from './helpers/temp';

interface PrFields {
  repo?: string;
  number: number;
  title?: string;
  body?: string | null;
  author?: string;
  headRef?: string;
  createdAt?: string;
  mergedAt?: string | null;
  additions?: number | null;
  labels?: string[];
  mergeCommitSha?: string | null;
}

interface CommitFields {
  repo?: string;
  sha: string;
  pr?: number | null;
  login?: string | null;
  name?: string | null;
  authoredAt?: string;
  message?: string;
  additions?: number | null;
  trailers?: string[] | null;
}

let dir: ReturnType<typeof tempDir>;
let ws: Workspace;

beforeEach(async () => {
  dir = tempDir('undertow-attr-');
  ws = await Workspace.create(dir.file('w.duckdb'));
});
afterEach(async () => {
  await ws.close();
  dir.cleanup();
});

async function pr(f: PrFields): Promise<void> {
  await ws.run(
    `INSERT INTO pull_requests (repo, number, title, body, author, head_ref, state, created_at, merged_at, additions, labels, merge_commit_sha)
     VALUES ($repo, $number, $title, $body, $author, $head, 'merged', CAST($created AS TIMESTAMP), CAST($merged AS TIMESTAMP), $additions,
             CAST(CAST($labels AS JSON) AS VARCHAR[]), $merge)`,
    {
      repo: f.repo ?? 'acme/api',
      number: f.number,
      title: f.title ?? `Change ${f.number}`,
      body: f.body === undefined ? 'Plain description.' : f.body,
      author: f.author ?? 'jane',
      head: f.headRef ?? `feature/change-${f.number}`,
      created: f.createdAt ?? '2025-03-03 12:00:00',
      merged: f.mergedAt === undefined ? '2025-03-04 12:00:00' : f.mergedAt,
      additions: f.additions === undefined ? 100 : f.additions,
      labels: JSON.stringify(f.labels ?? []),
      merge: f.mergeCommitSha ?? null,
    },
  );
}

async function commit(f: CommitFields): Promise<void> {
  await ws.run(
    `INSERT INTO commits (repo, sha, pr_number, author_login, author_name, authored_at, message, additions, trailers)
     VALUES ($repo, $sha, $pr, $login, $name, CAST($at AS TIMESTAMP), $message, $additions, CAST(CAST($trailers AS JSON) AS VARCHAR[]))`,
    {
      repo: f.repo ?? 'acme/api',
      sha: f.sha,
      pr: f.pr === undefined ? null : f.pr,
      login: f.login === undefined ? 'jane' : f.login,
      name: f.name ?? null,
      at: f.authoredAt ?? '2025-03-03 10:00:00',
      message: f.message ?? 'Do the thing',
      additions: f.additions === undefined ? 10 : f.additions,
      trailers: f.trailers ? JSON.stringify(f.trailers) : null,
    },
  );
}

async function usage(login: string, day: string, locAdded: number): Promise<void> {
  await ws.run("INSERT INTO copilot_usage (day, scope, user_login, loc_suggested, loc_added) VALUES (CAST($day AS DATE), 'user', $login, $added, $added)", { day, login, added: locAdded });
}

const recompute = () => ws.transaction((tx) => recomputeAttribution(tx));

interface PrAttribution {
  number: number;
  ai_share: number;
  ai_evidence: string[];
  ai_confidence: string;
}

async function attribution(): Promise<Map<number, PrAttribution>> {
  const rows = await ws.all<PrAttribution>('SELECT number, ai_share, ai_evidence, ai_confidence FROM pull_requests ORDER BY number');
  return new Map(rows.map((r) => [r.number, r]));
}

async function tools(): Promise<Record<string, string | null>> {
  const rows = await ws.all<{ sha: string; ai_tool: string | null }>('SELECT sha, ai_tool FROM commits ORDER BY sha');
  return Object.fromEntries(rows.map((r) => [r.sha, r.ai_tool]));
}

const withMessage = (line: string) => `Change the thing\n\nSome explanation.\n\n${line}`;

/** One example per built-in rule (a PR where it is the only evidence), and near misses that must not fire. */
const COMMIT_EXAMPLES: ReadonlyArray<[ruleId: string, line: string, tool: string]> = [
  ['trailer-co-authored-by-copilot', 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>', 'copilot'],
  ['trailer-co-authored-by-claude', 'Co-Authored-By: Claude <noreply@anthropic.com>', 'claude'],
  ['trailer-co-authored-by-cursor', 'Co-authored-by: Cursor Agent <cursoragent@cursor.com>', 'cursor'],
  ['trailer-co-authored-by-codex', 'Co-authored-by: Codex <codex@openai.com>', 'codex'],
  ['trailer-co-authored-by-gemini', 'Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>', 'gemini'],
  ['trailer-co-authored-by-devin', 'Co-authored-by: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>', 'devin'],
  ['trailer-co-authored-by-amazon-q', 'Co-authored-by: Amazon Q Developer <amazon-q-developer[bot]@users.noreply.github.com>', 'amazon-q'],
  ['trailer-co-authored-by-windsurf', 'Co-authored-by: Windsurf <noreply@windsurf.com>', 'windsurf'],
  ['trailer-made-with-cursor', 'Made-with: Cursor', 'cursor'],
  ['trailer-generated-by', 'Generated-by: Claude Code 2.1', 'claude'],
  ['trailer-assisted-by', 'Assisted-by: Gemini:gemini-2.5-pro', 'gemini'],
  ['body-generated-with-claude-code', '🤖 Generated with [Claude Code](https://claude.com/claude-code)', 'claude'],
  ['body-generated-with-copilot', 'Generated with GitHub Copilot', 'copilot'],
  ['body-generated-with-cursor', 'Generated by Cursor', 'cursor'],
  ['body-generated-with-codex', 'Generated with OpenAI Codex', 'codex'],
  ['body-generated-with-gemini', 'generated with Gemini', 'gemini'],
];

const COMMIT_NEAR_MISSES: readonly string[] = [
  'Co-authored-by: Jane <jane@example.com>',
  'Co-authored-by: Claude Monet <claude@monet.fr>',
  'Co-authored-by: Devin Smith <devin@acme.com>',
  'Co-authored-by: Copilotfan <fan@example.com>',
  'Co-authored-by: Cursora Smith <c@example.com>',
  'Co-authored-by: Codexter Jones <cj@example.com>',
  'Co-authored-by: Geminiano Rossi <g@example.it>',
  'Co-authored-by: Amazon Quinn <quinn@example.com>',
  'Co-authored-by: Windsurfer Joe <joe@example.com>',
  'Reviewed-by: Copilot',
  'We discussed Co-authored-by: Copilot trailers in the retro',
  'Made-with: love',
  'Generated-by:',
  'Not assisted-by: anyone',
  'Generated with Claude, the intern',
  'generated with copilots of the team',
  'generated with cursors and arrows',
];

const PR_EXAMPLES: ReadonlyArray<[ruleId: string, fields: Omit<PrFields, 'number'>]> = [
  ['bot-author-copilot-swe-agent', { author: 'app/copilot-swe-agent' }],
  ['bot-author-copilot', { author: 'Copilot' }],
  ['bot-author-devin', { author: 'devin-ai-integration[bot]' }],
  ['bot-author-claude', { author: 'claude[bot]' }],
  ['bot-author-cursor', { author: 'Cursor[bot]' }],
  ['bot-author-codex', { author: 'codex' }],
  ['bot-author-codex-connector', { author: 'app/chatgpt-codex-connector' }],
  ['bot-author-jules', { author: 'google-labs-jules[bot]' }],
  ['bot-author-amazon-q', { author: 'amazon-q-developer[bot]' }],
  ['label-ai-assisted', { labels: ['bug', 'AI-Assisted'] }],
  ['label-ai-generated', { labels: ['ai-generated'] }],
  ['label-copilot', { labels: ['Copilot'] }],
  ['branch-prefix-copilot', { headRef: 'copilot/fix-flaky-test' }],
  ['branch-prefix-claude', { headRef: 'Claude/issue-12' }],
  ['branch-prefix-cursor', { headRef: 'cursor/refactor' }],
  ['branch-prefix-codex', { headRef: 'codex/add-tests' }],
  ['branch-prefix-devin', { headRef: 'devin/1712345678-fix' }],
  ['body-generated-with-claude-code', { body: 'Summary\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)' }],
];

const PR_NEAR_MISSES: ReadonlyArray<Omit<PrFields, 'number'>> = [
  { author: 'dependabot[bot]' },
  { author: 'copilot-fan' },
  { author: 'claude' },
  { labels: ['ai', 'not-ai-assisted', 'copilots'] },
  { headRef: 'feature/copilot/thing' },
  { headRef: 'copilotx/thing' },
  { body: 'We should try Claude Code one day.' },
];

describe('default rules', () => {
  it('fire on their examples, one rule each, and not on near misses', async () => {
    let n = 0;
    const expected = new Map<number, [string, string]>();
    for (const [ruleId, line, tool] of COMMIT_EXAMPLES) {
      n += 1;
      await pr({ number: n });
      await commit({ sha: `c${n}`, pr: n, message: withMessage(line) });
      expected.set(n, [ruleId, tool]);
    }
    for (const [ruleId, fields] of PR_EXAMPLES) {
      n += 1;
      await pr({ number: n, ...fields });
      await commit({ sha: `c${n}`, pr: n });
      expected.set(n, [ruleId, '']);
    }
    const misses: number[] = [];
    for (const line of COMMIT_NEAR_MISSES) {
      n += 1;
      misses.push(n);
      await pr({ number: n });
      await commit({ sha: `c${n}`, pr: n, message: withMessage(line) });
    }
    for (const fields of PR_NEAR_MISSES) {
      n += 1;
      misses.push(n);
      await pr({ number: n, ...fields });
      await commit({ sha: `c${n}`, pr: n });
    }
    await recompute();
    const got = await attribution();
    const commitTools = await tools();
    for (const [number, [ruleId, tool]] of expected) {
      expect(got.get(number)!.ai_evidence, ruleId).toEqual([ruleId]);
      expect(got.get(number)!.ai_share, ruleId).toBe(1);
      expect(got.get(number)!.ai_confidence, ruleId).toBe(ruleId.startsWith('label') || ruleId.startsWith('branch') ? 'medium' : 'high');
      if (tool) expect(commitTools[`c${number}`], ruleId).toBe(tool);
    }
    for (const number of misses) {
      expect(got.get(number), `near miss #${number}`).toMatchObject({ ai_evidence: [], ai_share: 0, ai_confidence: 'none' });
      expect(commitTools[`c${number}`], `near miss #${number}`).toBeNull();
    }
    // Every built-in rule except Copilot usage (tested below) has an example here.
    const builtins = (await listRules(ws)).filter((r) => r.builtin && r.kind !== 'copilot_usage').map((r) => r.ruleId);
    const covered = new Set([...COMMIT_EXAMPLES.map(([id]) => id), ...PR_EXAMPLES.map(([id]) => id)]);
    expect(builtins.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('reads trailers from the trailers column and CRLF messages, and the tool named by the first rule', async () => {
    await pr({ number: 1 });
    await commit({ sha: 'a', pr: 1, message: 'Subject only', trailers: ['Made-with: Cursor'] });
    await pr({ number: 2 });
    await commit({ sha: 'b', pr: 2, message: 'Fix\r\n\r\nCo-Authored-By: Claude <noreply@anthropic.com>\r\n' });
    await recompute();
    const got = await attribution();
    expect(got.get(1)!.ai_evidence).toEqual(['trailer-made-with-cursor']);
    expect(got.get(2)!.ai_evidence).toEqual(['trailer-co-authored-by-claude']);
    expect(await tools()).toEqual({ a: 'cursor', b: 'claude' });
    // Its staging tables are dropped when it is done.
    expect(await ws.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, '__attr_')")).toEqual([]);
  });
});

describe('regex prefilter', () => {
  it('uses only literals every match must contain', () => {
    expect(requiredLiteral('^co-authored-by:[ \\t]*copilot')).toBe('co-authored-by:');
    expect(requiredLiteral('generated (with|by) x')).toBe('generated ');
    expect(requiredLiteral('^Made-With?: cursor')).toBe('made-wit');
    expect(requiredLiteral('abc|co-authored-by:')).toBeNull();
    expect(requiredLiteral('(?i)co-authored-by')).toBeNull();
    expect(requiredLiteral('ab\\.cd')).toBeNull();
  });

  it('matches rules with and without a literal, in any letter case', async () => {
    await saveRule(ws, { kind: 'trailer', pattern: '(?:robot|android)-helper: yes', confidence: 'low' });
    await saveRule(ws, { kind: 'trailer', pattern: '^Co-Pilot-Of: \\w+', confidence: 'low' });
    await pr({ number: 1 });
    await commit({ sha: 'a', pr: 1, message: withMessage('ANDROID-HELPER: YES') });
    await pr({ number: 2 });
    await commit({ sha: 'b', pr: 2, message: withMessage('co-pilot-of: Someone') });
    await recompute();
    const got = await attribution();
    expect(got.get(1)!.ai_evidence).toEqual(['trailer-robot-android-helper-yes']);
    expect(got.get(2)!.ai_evidence).toEqual(['trailer-co-pilot-of-w']);
  });
});

describe('ai_share', () => {
  it('weights commits by their added lines', async () => {
    await pr({ number: 1, additions: 100 });
    await commit({ sha: 'a', pr: 1, additions: 30, message: withMessage('Made-with: Cursor') });
    await commit({ sha: 'b', pr: 1, additions: 70 });
    await recompute();
    expect((await attribution()).get(1)).toMatchObject({ ai_share: 0.3, ai_evidence: ['trailer-made-with-cursor'], ai_confidence: 'high' });
    expect(await tools()).toEqual({ a: 'cursor', b: null });
  });

  it('weights commits equally when their line counts are unknown', async () => {
    await pr({ number: 1, additions: 80 });
    await commit({ sha: 'a', pr: 1, additions: null, message: withMessage('Made-with: Cursor') });
    for (const sha of ['b', 'c', 'd']) await commit({ sha, pr: 1, additions: null });
    // One commit knows its lines, the others do not: still equal weights (the PR's lines / 4 each).
    await pr({ number: 2, additions: 40 });
    await commit({ sha: 'e', pr: 2, additions: 39, message: withMessage('Made-with: Cursor') });
    await commit({ sha: 'f', pr: 2, additions: null });
    // Neither commits nor the PR know their lines: counted in commits.
    await pr({ number: 3, additions: null });
    await commit({ sha: 'g', pr: 3, additions: null, message: withMessage('Made-with: Cursor') });
    await commit({ sha: 'h', pr: 3, additions: null });
    await recompute();
    const got = await attribution();
    expect(got.get(1)!.ai_share).toBe(0.25);
    expect(got.get(2)!.ai_share).toBe(0.5);
    expect(got.get(3)!.ai_share).toBe(0.5);
  });

  it('reads the squash merge commit body', async () => {
    const squash = 'Add cache (#1)\n\n* first step\n\n* second step\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>';
    // Only the squash commit is known (e.g. from the repo's commit list): the whole PR.
    await pr({ number: 1, mergeCommitSha: 'sq1' });
    await commit({ sha: 'sq1', pr: null, message: squash, additions: 100 });
    // The PR's own commits carry no marker but the squash body does: the whole PR.
    await pr({ number: 2, mergeCommitSha: 'sq2' });
    await commit({ sha: 'p2a', pr: 2, additions: 50 });
    await commit({ sha: 'p2b', pr: 2, additions: 50 });
    await commit({ sha: 'sq2', pr: 2, message: squash, additions: 100 });
    // The PR's own commits say which lines: commit-level share wins.
    await pr({ number: 3, mergeCommitSha: 'sq3' });
    await commit({ sha: 'p3a', pr: 3, additions: 20, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await commit({ sha: 'p3b', pr: 3, additions: 80 });
    await commit({ sha: 'sq3', pr: null, message: squash, additions: 100 });
    await recompute();
    const got = await attribution();
    expect(got.get(1)).toMatchObject({ ai_share: 1, ai_evidence: ['trailer-co-authored-by-copilot'], ai_confidence: 'high' });
    expect(got.get(2)).toMatchObject({ ai_share: 1, ai_evidence: ['trailer-co-authored-by-copilot'] });
    expect(got.get(3)).toMatchObject({ ai_share: 0.2, ai_evidence: ['trailer-co-authored-by-copilot'] });
    const t = await tools();
    expect([t.sq1, t.p2a, t.p2b, t.p3a, t.p3b]).toEqual(['copilot', 'copilot', 'copilot', 'copilot', null]);
  });

  it('makes a bot-authored PR wholly AI, and a bot commit in a human PR count its own lines', async () => {
    await pr({ number: 1, author: 'app/copilot-swe-agent', headRef: 'feature/x' });
    await commit({ sha: 'a', pr: 1, login: 'Copilot', additions: 60 });
    await commit({ sha: 'b', pr: 1, login: 'jane', additions: 40, message: withMessage('Co-authored-by: Jane <jane@example.com>') });
    await pr({ number: 2, author: 'jane' });
    await commit({ sha: 'c', pr: 2, login: null, name: 'Devin-AI-Integration[bot]', additions: 20 });
    await commit({ sha: 'd', pr: 2, login: 'jane', additions: 80 });
    await recompute();
    const got = await attribution();
    expect(got.get(1)).toMatchObject({ ai_share: 1, ai_evidence: ['bot-author-copilot', 'bot-author-copilot-swe-agent'], ai_confidence: 'high' });
    expect(got.get(2)).toMatchObject({ ai_share: 0.2, ai_evidence: ['bot-author-devin'], ai_confidence: 'high' });
    expect(await tools()).toEqual({ a: 'copilot', b: 'copilot', c: 'devin', d: null });
  });

  it('uses Copilot usage as low-confidence evidence only where no marker exists, spread over the day', async () => {
    // jane commits 40 + 60 lines (PR 1), 100 lines (PR 2, one marked commit) and 100 lines (PR 3) on
    // 2025-03-03; Copilot reports 75 accepted lines that day → a quarter of each of that day's lines.
    await pr({ number: 1, additions: 100 });
    await commit({ sha: 'a', pr: 1, additions: 40 });
    await commit({ sha: 'b', pr: 1, additions: 60 });
    await pr({ number: 2, additions: 100 });
    await commit({ sha: 'c', pr: 2, additions: 50, message: withMessage('Made-with: Cursor') });
    await commit({ sha: 'd', pr: 2, additions: 50 });
    // A PR-level marker: usage is not evidence there.
    await pr({ number: 3, additions: 100, labels: ['ai-assisted'] });
    await commit({ sha: 'e', pr: 3, additions: 100 });
    // Usage on another day, more than the lines: capped at the commit's lines.
    await pr({ number: 4, additions: 10 });
    await commit({ sha: 'f', pr: 4, additions: 10, authoredAt: '2025-03-05 09:00:00' });
    // A PR without commits: its author on the day it was opened.
    await pr({ number: 5, additions: 20, author: 'omar', createdAt: '2025-03-06 08:00:00' });
    // No usage for this author: nothing.
    await pr({ number: 6, additions: 50, author: 'lee' });
    await commit({ sha: 'g', pr: 6, login: 'lee', additions: 50 });
    await usage('jane', '2025-03-03', 75);
    await usage('Jane', '2025-03-05', 500);
    await usage('omar', '2025-03-06', 5);
    await usage('lee', '2025-03-04', 500);
    await recompute();
    const got = await attribution();
    expect(got.get(1)).toMatchObject({ ai_share: 0.25, ai_evidence: ['copilot-usage'], ai_confidence: 'low' });
    expect(got.get(2)).toMatchObject({ ai_share: 0.625, ai_evidence: ['copilot-usage', 'trailer-made-with-cursor'], ai_confidence: 'high' });
    expect(got.get(3)).toMatchObject({ ai_share: 1, ai_evidence: ['label-ai-assisted'], ai_confidence: 'medium' });
    expect(got.get(4)).toMatchObject({ ai_share: 1, ai_evidence: ['copilot-usage'], ai_confidence: 'low' });
    expect(got.get(5)).toMatchObject({ ai_share: 0.25, ai_evidence: ['copilot-usage'], ai_confidence: 'low' });
    expect(got.get(6)).toMatchObject({ ai_share: 0, ai_evidence: [], ai_confidence: 'none' });
    expect(await tools()).toEqual({ a: 'copilot', b: 'copilot', c: 'cursor', d: 'copilot', e: 'unknown', f: 'copilot', g: null });
  });
});

describe('editing rules', () => {
  async function copilotTrailerPr(): Promise<void> {
    await pr({ number: 1, additions: 100 });
    await commit({ sha: 'a', pr: 1, additions: 30, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await commit({ sha: 'b', pr: 1, additions: 70 });
    await recompute();
  }
  const rule = async (id: string): Promise<AttributionRule> => (await listRules(ws)).find((r) => r.ruleId === id)!;

  it('recomputes when a rule is disabled and enabled again, without re-import', async () => {
    await copilotTrailerPr();
    const builtin = await rule('trailer-co-authored-by-copilot');
    await saveRule(ws, { ...builtin, enabled: false });
    expect((await attribution()).get(1)).toMatchObject({ ai_share: 0, ai_evidence: [], ai_confidence: 'none' });
    expect((await tools()).a).toBeNull();
    expect((await rule('trailer-co-authored-by-copilot')).enabled).toBe(false);
    await saveRule(ws, { ...builtin, enabled: true });
    expect((await attribution()).get(1)).toMatchObject({ ai_share: 0.3, ai_evidence: ['trailer-co-authored-by-copilot'] });
    expect((await tools()).a).toBe('copilot');
  });

  it('adds, edits and deletes a user rule; built-in rules cannot be deleted', async () => {
    await copilotTrailerPr();
    await commit({ sha: 'c', pr: 1, additions: 0, message: withMessage('AI-Tool: Aider') });
    const added = await saveRule(ws, { kind: 'trailer', pattern: '^ai-tool:\\s*\\S', confidence: 'medium' });
    expect(added).toMatchObject({ ruleId: 'trailer-ai-tool-s-s', builtin: false, enabled: true, tool: null });
    expect((await attribution()).get(1)!.ai_evidence).toEqual(['trailer-ai-tool-s-s', 'trailer-co-authored-by-copilot']);
    expect((await tools()).c).toBe('aider');
    await saveRule(ws, { ...added, confidence: 'low', tool: 'Aider' });
    expect((await rule('trailer-ai-tool-s-s')).tool).toBe('aider');
    await deleteRule(ws, added.ruleId);
    expect((await attribution()).get(1)!.ai_evidence).toEqual(['trailer-co-authored-by-copilot']);
    const refused = await deleteRule(ws, 'label-copilot').then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(UndertowError);
    expect((refused as UndertowError).code).toBe('invalid_request');
    expect(await rule('label-copilot')).toBeDefined();
  });

  it('rejects invalid rules with a clear message and changes nothing', async () => {
    await copilotTrailerPr();
    const before = await listRules(ws);
    const attempts: Array<[Parameters<typeof saveRule>[1], RegExp]> = [
      [{ kind: 'trailer', pattern: '^co-authored-by:(', confidence: 'high' }, /not a valid regular expression/],
      [{ kind: 'body_marker', pattern: 'x*', confidence: 'high' }, /matches an empty line/],
      [{ kind: 'label', pattern: '   ', confidence: 'high' }, /empty/],
      [{ kind: 'copilot_usage', pattern: '', confidence: 'low' }, /already a Copilot usage rule/],
      [{ ruleId: 'label-copilot', kind: 'branch_prefix', pattern: 'x/', confidence: 'low' }, /kind cannot change/],
      [{ kind: 'label', pattern: 'ai', confidence: 'certain' as 'high' }, /Confidence/],
      [{ ruleId: 'Bad Id', kind: 'label', pattern: 'ai', confidence: 'low' }, /Rule id/],
    ];
    for (const [input, message] of attempts) {
      const err = await saveRule(ws, input).then(() => null, (e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(UndertowError);
      expect((err as UndertowError).code).toBe('invalid_request');
      expect((err as UndertowError).message).toMatch(message);
    }
    expect(await listRules(ws)).toEqual(before);
  });

  it('counts the PRs each rule matches, including unsaved drafts', async () => {
    await pr({ number: 1, headRef: 'copilot/a', labels: ['ai-assisted'] });
    await commit({ sha: 'a', pr: 1, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await pr({ number: 2, headRef: 'copilot/b' });
    await commit({ sha: 'b', pr: 2 });
    await commit({ sha: 'c', pr: 2, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await pr({ number: 3, labels: ['ai-assisted'] });
    await recompute();
    const counts = await ruleMatchCounts(ws, [{ kind: 'branch_prefix', pattern: 'COPILOT/', confidence: 'low' }]);
    const of = (id: string) => counts.find((c) => c.ruleId === id);
    expect(of('branch-prefix-copilot')).toEqual({ ruleId: 'branch-prefix-copilot', prs: 2, commits: 0, soleEvidence: 0 });
    expect(of('trailer-co-authored-by-copilot')).toEqual({ ruleId: 'trailer-co-authored-by-copilot', prs: 2, commits: 2, soleEvidence: 0 });
    expect(of('label-ai-assisted')).toEqual({ ruleId: 'label-ai-assisted', prs: 2, commits: 0, soleEvidence: 1 });
    expect(of('draft-1')).toEqual({ ruleId: 'draft-1', prs: 2, commits: 0, soleEvidence: 0 });
    expect(of('label-copilot')!.prs).toBe(0);
  });

  it('live counts and the sensitivity panel write nothing and do not count as a write (read-side caches stay)', async () => {
    await pr({ number: 1, headRef: 'copilot/a' });
    await commit({ sha: 'a', pr: 1, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await recompute();
    const writes = ws.writeCount;
    const before = await contentHash(ws);
    await ruleMatchCounts(ws, [{ kind: 'label', pattern: 'ai', confidence: 'low' }]);
    await attributionSensitivity(ws);
    expect(ws.writeCount).toBe(writes);
    expect(await contentHash(ws)).toEqual(before);
  });
});

describe('attributionSensitivity', () => {
  it('reports the overall AI share with every rule toggled, exactly as a recompute would', async () => {
    await pr({ number: 1, additions: 100 });
    await commit({ sha: 'a', pr: 1, additions: 30, message: withMessage('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>') });
    await commit({ sha: 'b', pr: 1, additions: 70 });
    await pr({ number: 2, additions: 50, headRef: 'copilot/x', author: 'app/copilot-swe-agent' });
    await commit({ sha: 'c', pr: 2, additions: 50, login: 'Copilot' });
    await pr({ number: 3, additions: 200, labels: ['ai-assisted'] });
    await commit({ sha: 'd', pr: 3, additions: 100, message: withMessage('🤖 Generated with [Claude Code](https://claude.com/claude-code)') });
    await commit({ sha: 'd2', pr: 3, additions: 100 });
    await pr({ number: 4, additions: 150 });
    await commit({ sha: 'e', pr: 4, additions: 150 });
    await pr({ number: 5, additions: 1000, mergedAt: null }); // not merged: not in the share
    await commit({ sha: 'f', pr: 5, additions: 1000, message: withMessage('Made-with: Cursor') });
    await usage('jane', '2025-03-03', 140);
    // A disabled rule shows what enabling it would do (here: PR 3 becomes wholly AI).
    const label = (await listRules(ws)).find((r) => r.ruleId === 'label-ai-assisted')!;
    await saveRule(ws, { ...label, enabled: false });

    const sensitivity = await attributionSensitivity(ws);
    const overall = async () => {
      const [row] = await ws.all<{ share: number; evidence: number }>(
        "SELECT round(sum(ai_share * additions) / sum(additions), 6) AS share, count(*) FILTER (WHERE ai_confidence <> 'none') AS evidence FROM pull_requests WHERE merged_at IS NOT NULL",
      );
      return row!;
    };
    const current = await overall();
    expect(sensitivity.current).toMatchObject({ aiShare: current.share, mergedPrs: 4, prsWithEvidence: current.evidence, addedLines: 500 });
    let moved = 0;
    for (const rule of await listRules(ws)) {
      await saveRule(ws, { ...rule, enabled: !rule.enabled });
      const toggled = await overall();
      await saveRule(ws, rule);
      const row = sensitivity.rules.find((r) => r.ruleId === rule.ruleId)!;
      expect(row.enabled, rule.ruleId).toBe(rule.enabled);
      expect(row.aiShare, rule.ruleId).toBeCloseTo(toggled.share, 5);
      expect(row.prsWithEvidence, rule.ruleId).toBe(toggled.evidence);
      if (row.delta !== 0) moved += 1;
    }
    expect(moved).toBeGreaterThanOrEqual(3);
    // Without low-confidence evidence = without the Copilot usage rule here.
    const usageRow = sensitivity.rules.find((r) => r.ruleId === 'copilot-usage')!;
    expect(sensitivity.withoutLowConfidence.aiShare).toBe(usageRow.aiShare);
    expect(sensitivity.withoutLowConfidence.delta).toBeLessThan(0);
    const labelRow = sensitivity.rules.find((r) => r.ruleId === 'label-ai-assisted')!;
    expect(labelRow).toMatchObject({ enabled: false, prsChanged: 1 });
    expect(labelRow.delta).toBeGreaterThan(0);
    // High only: usage (low) drops; PR 3 keeps its Claude commit (100 of 200 lines).
    expect(sensitivity.highConfidenceOnly.aiShare).toBeCloseTo((30 + 50 + 100) / 500, 6);
    expect(await overall()).toEqual(current);
  });
});

describe('recompute', () => {
  it('is idempotent and a repo-scoped recompute equals the full one', async () => {
    await pr({ number: 1, additions: 100 });
    await commit({ sha: 'a', pr: 1, additions: 30, message: withMessage('Made-with: Cursor') });
    await commit({ sha: 'b', pr: 1, additions: 70 });
    await pr({ repo: 'acme/web', number: 1, additions: 100 });
    await commit({ repo: 'acme/web', sha: 'w', pr: 1, additions: 100 });
    await usage('jane', '2025-03-03', 100);
    const first = await recompute();
    expect(first).toMatchObject({ pullRequests: 2, withEvidence: 2, updatedPullRequests: 2 });
    const dump = async () => [await ws.all('SELECT * FROM pull_requests ORDER BY repo, number'), await ws.all('SELECT * FROM commits ORDER BY repo, sha')];
    const full = await dump();
    const second = await recompute();
    expect(second).toMatchObject({ updatedPullRequests: 0, updatedCommits: 0 });
    expect(await dump()).toEqual(full);
    await ws.run("UPDATE pull_requests SET ai_share = NULL, ai_evidence = NULL, ai_confidence = NULL WHERE repo = 'acme/web'");
    await ws.run("UPDATE commits SET ai_tool = NULL WHERE repo = 'acme/web'");
    const scoped = await ws.transaction((tx) => recomputeAttribution(tx, { repos: ['acme/web'] }));
    expect(scoped).toMatchObject({ pullRequests: 1, updatedPullRequests: 1 });
    expect(await dump()).toEqual(full);
  });
});
