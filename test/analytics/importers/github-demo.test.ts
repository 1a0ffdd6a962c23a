import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRows } from '../helpers/demo-reference';
import { appendRows } from '../helpers/demo-bulk';
import { generateDemoOrg, writeDemoExports, type DemoExportFile, type DemoOrg } from '../../../analytics/demo';
import { detectFormat, importFiles, importers as registry, type ImportFileReport } from '../../../analytics/importers';
import { copilotImporters } from '../../../analytics/importers/formats/copilot';
import { githubImporters } from '../../../analytics/importers/formats/github';
import { sampleFile } from '../../../analytics/importers/sample';
import { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from '../helpers/temp';

const OURS = [...githubImporters, ...copilotImporters];
const OUR_FORMATS = new Set(OURS.map((i) => i.format));

/** What each demo export format should be detected as. */
const EXPECTED_FORMAT: Partial<Record<DemoExportFile['format'], string>> = {
  'gh-pr-list-json': 'github-gh-pr-json',
  'github-deployments-json': 'github-rest-deployments',
  'github-deployment-statuses-json': 'github-rest-deployment-statuses',
  'copilot-users-ndjson': 'copilot-usage-users',
};

/** Columns the exports carry, per table, compared with the rows the demo loads directly. */
const COMPARED: Record<string, string> = {
  pull_requests: 'repo, number, title, body, author, head_ref, base_ref, state, is_draft, created_at, merged_at, closed_at, additions, deletions, changed_files, labels, merge_commit_sha, url',
  commits: 'repo, sha, pr_number, author_login, author_name, author_email, authored_at, committed_at, message, trailers',
  reviews: 'repo, pr_number, review_id, reviewer, state, submitted_at',
  deployments: 'repo, deployment_id, sha, ref, environment, status, created_at, finished_at',
  copilot_usage: 'day, scope, user_login, loc_suggested, loc_added, interactions, active',
};

describe('the demo exports through the GitHub and Copilot importers', () => {
  let dir: ReturnType<typeof tempDir>;
  let org: DemoOrg;
  let files: DemoExportFile[];
  let ws: Workspace;
  let picked: Array<{ file: DemoExportFile; format: string }>;
  let reports: ImportFileReport[];

  beforeAll(async () => {
    dir = tempDir();
    org = generateDemoOrg();
    files = await writeDemoExports(dir.path, { org });
    // Pick files the way the app does: by content, among every registered format plus ours.
    picked = [];
    for (const file of files) {
      const format = detectFormat([...registry, ...OURS], await sampleFile(join(dir.path, file.path)))?.format;
      if (format && OUR_FORMATS.has(format)) picked.push({ file, format });
    }
    ws = await Workspace.create(dir.file('w.duckdb'));
    reports = await importFiles(ws, OURS, picked.map((p) => join(dir.path, p.file.path)), { timeZone: 'Europe/Berlin' });

    // The same org loaded directly (the demo's own loader path), attached for comparison.
    const ref = await Workspace.create(dir.file('ref.duckdb'));
    await ref.transaction(async (tx) => {
      for (const t of canonicalRows(org, 0)) if (t.table in COMPARED || t.table === 'people') await appendRows(tx, t.table, t.columns, t.rows);
    });
    await ref.close();
    await ws.run(`ATTACH '${dir.file('ref.duckdb').replaceAll("'", "''")}' AS ref (READ_ONLY)`);
  }, 180_000);

  afterAll(async () => {
    await ws?.close();
    dir?.cleanup();
  });

  it('detects exactly the GitHub and Copilot files, each as its format', () => {
    const expected = files.filter((f) => EXPECTED_FORMAT[f.format]).map((f) => [f.path, EXPECTED_FORMAT[f.format]]);
    expect(picked.map((p) => [p.file.path, p.format])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(30);
  });

  it('imports every file without a reject, each counting its own records', () => {
    for (const [i, report] of reports.entries()) {
      expect(report.error, report.path).toBeUndefined();
      expect(report.rejected, report.path).toBe(0);
      // Statuses files update their deployments: one row per deployment, two statuses each.
      const records = picked[i]!.file.format === 'github-deployment-statuses-json' ? picked[i]!.file.records / 2 : picked[i]!.file.records;
      expect(report.inserted + report.updated, report.path).toBe(records);
    }
  });

  it('stores the same rows as the demo loads directly', async () => {
    const [counts] = await ws.all(`SELECT (SELECT count(*) FROM pull_requests)::INT AS prs, (SELECT count(*) FROM commits)::INT AS commits,
      (SELECT count(*) FROM reviews)::INT AS reviews, (SELECT count(*) FROM deployments)::INT AS deployments, (SELECT count(*) FROM copilot_usage)::INT AS copilot`);
    expect(counts).toEqual({
      prs: org.pullRequests.length,
      commits: org.pullRequests.reduce((n, pr) => n + pr.commits.length, 0),
      reviews: org.pullRequests.reduce((n, pr) => n + pr.reviews.length, 0),
      deployments: org.deployments.length,
      copilot: org.copilotUsage.length,
    });
    for (const [table, columns] of Object.entries(COMPARED)) {
      const onlyOurs = await ws.all(`SELECT ${columns} FROM main.${table} EXCEPT SELECT ${columns} FROM ref.${table} LIMIT 3`);
      const onlyRef = await ws.all(`SELECT ${columns} FROM ref.${table} EXCEPT SELECT ${columns} FROM main.${table} LIMIT 3`);
      expect({ table, onlyOurs, onlyRef }).toEqual({ table, onlyOurs: [], onlyRef: [] });
    }
  });

  it('knows the people the exports show, bots as bots, and leaves attribution to the next step', async () => {
    // The demo's people with any activity, plus the Copilot account its agent commits under.
    expect(await ws.all('SELECT login, is_bot FROM main.people EXCEPT SELECT login, is_bot FROM ref.people')).toEqual([{ login: 'Copilot', is_bot: true }]);
    expect(await ws.all('SELECT login, display_name FROM main.people WHERE NOT is_bot EXCEPT SELECT login, display_name FROM ref.people')).toEqual([]);
    expect(await ws.all(`SELECT login, is_bot FROM main.people WHERE login LIKE '%[bot]' ORDER BY login`)).toEqual([
      { login: 'copilot-swe-agent[bot]', is_bot: true },
      { login: 'devin-ai-integration[bot]', is_bot: true },
    ]);
    // Attribution and linking run after import (with no derive hook here, nothing is derived).
    expect(await ws.all(`SELECT count(*)::INT AS n FROM pull_requests
                         WHERE coalesce(ai_share, 0) > 0 OR len(coalesce(ai_evidence, [])) > 0 OR is_revert OR is_hotfix OR reverts_pr IS NOT NULL`)).toEqual([{ n: 0 }]);
    expect(await ws.all('SELECT count(*)::INT AS n FROM commits WHERE ai_tool IS NOT NULL')).toEqual([{ n: 0 }]);
  });
});
