/**
 * Org-scale export files for the benchmark (product.md §9: 2,000 engineers, 3 years: ~600k PRs,
 * ~2M commits, ~300k Jira issues, ~20k incidents, ~500k tickets, ~100k NPS responses), written by
 * DuckDB's COPY in the real export shapes so generation takes seconds, not minutes.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface BenchFile {
  name: string;
  /** DuckDB's own read of the file into a plain table: the baseline the import is compared with. */
  baseline: string;
  rows: number;
}

const lit = (path: string) => `'${path.replaceAll("'", "''")}'`;

/**
 * Writes the files (or, with `write: false`, only describes files an earlier call wrote in `dir` at the
 * same scale: see `benchFiles`).
 */
export async function writeBenchFiles(conn: DuckDBConnection, dir: string, scale: number, { write = true } = {}): Promise<BenchFile[]> {
  const copy = async (sql: string) => {
    if (write) await conn.run(sql);
  };
  const n = (full: number) => Math.max(100, Math.round(full * scale));
  const prs = n(600_000);
  const issues = n(300_000);
  const incidents = n(20_000);
  const tickets = n(500_000);
  const nps = n(100_000);
  const engineers = n(2_000);
  const files: BenchFile[] = [];

  // gh pr list --json … with nested commits (≈3.3 per PR → ~2M commits) and reviews.
  const gh = `${dir}/github-prs.json`;
  await copy(`COPY (
    SELECT 'https://github.com/acme/repo-' || (i % 200) || '/pull/' || i AS url, i AS number,
      'Change ' || i || ' for PAY-' || (i % 5000) AS title, 'Body of change ' || i AS body,
      {'login': 'dev' || (i % ${engineers}), 'is_bot': false} AS author,
      strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157), '%Y-%m-%dT%H:%M:%SZ') AS createdAt,
      CASE WHEN i % 10 <> 0 THEN strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157 + 86400), '%Y-%m-%dT%H:%M:%SZ') END AS mergedAt,
      CASE WHEN i % 10 <> 0 THEN strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157 + 86400), '%Y-%m-%dT%H:%M:%SZ') END AS closedAt,
      CASE WHEN i % 10 <> 0 THEN 'MERGED' ELSE 'CLOSED' END AS state,
      (i * 37) % 900 + 5 AS additions, (i * 11) % 300 AS deletions, (i % 20) + 1 AS changedFiles,
      'feature/PAY-' || (i % 5000) AS headRefName, 'main' AS baseRefName,
      CASE WHEN i % 7 = 0 THEN [{'name': 'ai-assisted'}] ELSE [] END AS labels,
      [{'oid': md5(i || '-' || c), 'messageHeadline': 'Commit ' || c, 'messageBody': CASE WHEN (i + c) % 5 = 0 THEN 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>' ELSE '' END,
        'authoredDate': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157 + c * 60), '%Y-%m-%dT%H:%M:%SZ'),
        'committedDate': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157 + c * 60), '%Y-%m-%dT%H:%M:%SZ'),
        'authors': [{'login': 'dev' || (i % ${engineers}), 'name': 'Dev ' || (i % ${engineers}), 'email': 'dev' || (i % ${engineers}) || '@acme.test'}]}
        FOR c IN range(1 + i % 6)] AS commits,
      [{'id': 'PRR_' || i || '_' || r, 'author': {'login': 'dev' || ((i + r + 1) % ${engineers})}, 'state': 'APPROVED',
        'submittedAt': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 157 + 3600 * (r + 1)), '%Y-%m-%dT%H:%M:%SZ')} FOR r IN range(i % 3)] AS reviews
    FROM range(1, ${prs + 1}) t(i)) TO ${lit(gh)} (FORMAT json, ARRAY true)`);
  files.push({ name: gh, baseline: `read_json(${lit(gh)})`, rows: prs });

  // REST commits as `gh api --paginate repos/OWNER/REPO/commits` saves them: pages of 100, each a
  // JSON array, written one after another ([…][…]).
  const restCommits = n(500_000);
  const commitsFile = `${dir}/github-commits.json`;
  const user = (login: string) => `{'login': ${login}, 'id': 1000, 'node_id': 'MDQ6VXNlcjE=', 'avatar_url': 'https://avatars.githubusercontent.com/u/1000?v=4',
      'url': 'https://api.github.com/users/' || ${login}, 'html_url': 'https://github.com/' || ${login}, 'type': 'User', 'site_admin': false}`;
  await copy(`COPY (
    SELECT to_json(list({'sha': sha, 'node_id': 'C_' || sha,
      'commit': {'author': {'name': 'Dev ' || (i % ${engineers}), 'email': 'dev' || (i % ${engineers}) || '@acme.test', 'date': ts},
                 'committer': {'name': 'GitHub', 'email': 'noreply@github.com', 'date': ts},
                 'message': 'Change ' || i || CASE WHEN i % 5 = 0 THEN chr(10) || chr(10) || 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>' ELSE '' END,
                 'tree': {'sha': md5('tree' || i), 'url': 'https://api.github.com/repos/acme/repo-' || (i % 200) || '/git/trees/' || md5('tree' || i)},
                 'url': 'https://api.github.com/repos/acme/repo-' || (i % 200) || '/git/commits/' || sha, 'comment_count': 0,
                 'verification': {'verified': false, 'reason': 'unsigned', 'signature': NULL::VARCHAR, 'payload': NULL::VARCHAR}},
      'url': 'https://api.github.com/repos/acme/repo-' || (i % 200) || '/commits/' || sha, 'html_url': 'https://github.com/acme/repo-' || (i % 200) || '/commit/' || sha,
      'comments_url': 'https://api.github.com/repos/acme/repo-' || (i % 200) || '/commits/' || sha || '/comments',
      'author': ${user(`'dev' || (i % ${engineers})`)}, 'committer': ${user("'web-flow'")},
      'parents': [{'sha': md5('p' || i), 'url': 'https://api.github.com/repos/acme/repo-' || (i % 200) || '/commits/' || md5('p' || i)}]} ORDER BY i))::VARCHAR
    FROM (SELECT i, md5('c' || i) AS sha, strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 47), '%Y-%m-%dT%H:%M:%SZ') AS ts FROM range(1, ${restCommits + 1}) t(i))
    GROUP BY (i - 1) // 100 ORDER BY min(i)) TO ${lit(commitsFile)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')`);
  files.push({ name: commitsFile, baseline: `read_json(${lit(commitsFile)}, format = 'unstructured')`, rows: restCommits });

  // Jira "Export Excel CSV (current fields)": the columns of a search view, with repeated
  // Labels/Sprint columns and Jira's dates.
  const jira = `${dir}/jira.csv`;
  const jiraColumns = `'Summary ' || i || ', with comma' AS "Summary", 'PAY-' || i AS "Issue key", i + 10000 AS "Issue id",
      CASE WHEN i % 4 = 0 THEN 'Bug' ELSE 'Story' END AS "Issue Type", 'Done' AS "Status", 'Done' AS "Status Category",
      'PAY' AS "Project key", 'Medium' AS "Priority",
      strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300), '%d/%b/%y %-I:%M %p') AS "Created",
      strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300 + 90000), '%d/%b/%y %-I:%M %p') AS "Resolved",
      'backend' AS "Labels", CASE WHEN i % 3 = 0 THEN 'regression' END AS "Labels_1",
      'Sprint ' || (i % 80) AS "Sprint", CASE WHEN i % 2 = 0 THEN 'Sprint ' || (i % 80 + 1) END AS "Sprint_1",
      'api' AS "Component/s", (i % 8) + 1 AS "Custom field (Story Points)"`;
  await copy(`COPY (SELECT ${jiraColumns} FROM range(1, ${issues + 1}) t(i)) TO ${lit(jira)} (FORMAT csv, HEADER true)`);
  // Jira writes its repeated headers without suffixes.
  await copy(`COPY (SELECT * FROM read_csv(${lit(jira)}, header = false, all_varchar = true)) TO ${lit(jira + '.tmp')} (FORMAT csv, HEADER false)`);
  if (write) {
    const text = await readFile(`${jira}.tmp`, 'utf8');
    await writeFile(jira, text.replace(/^[^\n]*/, (header) => header.replace(/Labels_1/, 'Labels').replace(/Sprint_1/, 'Sprint')));
    await rm(`${jira}.tmp`);
  }
  files.push({ name: jira, baseline: `read_csv(${lit(jira)}, all_varchar = true)`, rows: issues });

  // Jira "Export Excel CSV (all fields)": the same issues with what such an export carries besides —
  // four Comment columns (some multi-line), three Watchers and 170 custom fields, most cells empty:
  // 193 columns, 7x the bytes of the view's export.
  const jiraAll = `${dir}/jira-all-fields.csv`;
  const comments = [1, 2, 3, 4].map(
    (c) => `CASE WHEN i % ${c + 1} = 0 THEN strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300 + ${c * 3600}), '%d/%b/%y %-I:%M %p') || ';dev' || ((i + ${c}) % ${engineers})
      || ';Looked at this, comment ${c} on ' || i || CASE WHEN i % 10 = 0 THEN chr(10) || 'A second line, "quoted".' ELSE '' END END AS "Comment_${c}"`,
  );
  const watchers = [1, 2, 3].map((w) => `CASE WHEN i % ${w + 1} = 0 THEN 'dev' || ((i + ${w}) % ${engineers}) END AS "Watchers_${w}"`);
  const custom = Array.from({ length: 170 }, (_, k) => `CASE WHEN (i + ${k}) % 5 = 0 THEN 'Option ' || ((i + ${k}) % 7) END AS "Custom field (Field ${k})"`);
  await copy(`COPY (SELECT ${jiraColumns}, ${[...comments, ...watchers, ...custom].join(', ')} FROM range(1, ${issues + 1}) t(i))
    TO ${lit(jiraAll + '.body')} (FORMAT csv, HEADER false)`);
  if (write) {
    // The view export's header (its repeated names restored above), then Jira's repeated names again.
    const file = await open(jira);
    const start = (await file.read(Buffer.alloc(1024), 0, 1024, 0)).buffer.toString('utf8');
    await file.close();
    const header = [...start.split('\n')[0]!.split(','), ...[1, 2, 3, 4].map(() => 'Comment'), ...[1, 2, 3].map(() => 'Watchers'),
      ...Array.from({ length: 170 }, (_, k) => `Custom field (Field ${k})`)];
    await writeFile(jiraAll, `${header.join(',')}\n`);
    await pipeline(createReadStream(`${jiraAll}.body`), createWriteStream(jiraAll, { flags: 'a' }));
    await rm(`${jiraAll}.body`);
  }
  files.push({ name: jiraAll, baseline: `read_csv(${lit(jiraAll)}, all_varchar = true)`, rows: issues });

  // Jira REST search pages (/rest/api/3/search?expand=names), 100 issues a page, one page a line,
  // with the API's nesting (self links, status categories, users, an ADF description, sprints).
  const jiraJson = `${dir}/jira-search.json`;
  const jiraUser = (n: string) => `{'self': 'https://acme.atlassian.net/rest/api/3/user?accountId=5b10' || ${n}, 'accountId': '5b10' || ${n},
      'emailAddress': 'dev' || ${n} || '@acme.test', 'displayName': 'Dev ' || ${n}, 'active': true, 'timeZone': 'Europe/Berlin', 'accountType': 'atlassian'}`;
  await copy(`COPY (
    SELECT 'names,schema' AS expand, min(i) - 1 AS startAt, 100 AS maxResults, ${issues} AS total,
      list({'expand': 'operations,versionedRepresentations,editmeta,changelog,renderedFields', 'id': (10000 + i)::VARCHAR,
        'self': 'https://acme.atlassian.net/rest/api/3/issue/' || (10000 + i), 'key': 'PAY-' || i,
        'fields': {'summary': 'Summary ' || i || ', with comma',
          'issuetype': {'self': 'https://acme.atlassian.net/rest/api/3/issuetype/1000' || (i % 4), 'id': '1000' || (i % 4), 'description': '',
                        'name': CASE WHEN i % 4 = 0 THEN 'Bug' ELSE 'Story' END, 'subtask': false, 'hierarchyLevel': 0},
          'status': {'self': 'https://acme.atlassian.net/rest/api/3/status/10001', 'description': '', 'name': 'Done', 'id': '10001',
                     'statusCategory': {'self': 'https://acme.atlassian.net/rest/api/3/statuscategory/3', 'id': 3, 'key': 'done', 'colorName': 'green', 'name': 'Done'}},
          'priority': {'self': 'https://acme.atlassian.net/rest/api/3/priority/3', 'name': 'Medium', 'id': '3'},
          'created': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300), '%Y-%m-%dT%H:%M:%S.000+0000'),
          'updated': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300 + 90000), '%Y-%m-%dT%H:%M:%S.000+0000'),
          'resolutiondate': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 300 + 90000), '%Y-%m-%dT%H:%M:%S.000+0000'),
          'project': {'self': 'https://acme.atlassian.net/rest/api/3/project/10000', 'id': '10000', 'key': 'PAY', 'name': 'Payments', 'projectTypeKey': 'software'},
          'labels': CASE WHEN i % 3 = 0 THEN ['backend', 'regression'] ELSE ['backend'] END,
          'components': [{'self': 'https://acme.atlassian.net/rest/api/3/component/10100', 'id': '10100', 'name': 'api'}],
          'assignee': ${jiraUser(`(i % ${engineers})`)}, 'reporter': ${jiraUser(`((i + 7) % ${engineers})`)},
          'description': {'type': 'doc', 'version': 1, 'content': [{'type': 'paragraph', 'content': [{'type': 'text', 'text': 'As a customer I want change ' || i || '. ' || repeat('The quick brown fox jumps over the lazy dog. ', 12)}]}]},
          'customfield_10016': (i % 8) + 1,
          'customfield_10020': [{'id': i % 80, 'name': 'Sprint ' || (i % 80), 'state': 'closed', 'boardId': 1, 'startDate': '2024-01-01T09:00:00.000Z', 'endDate': '2024-01-15T09:00:00.000Z'}],
          'customfield_10014': CASE WHEN i % 3 = 0 THEN 'PAY-' || (i % 500 + 1) END,
          'customfield_10000': '{}'}} ORDER BY i) AS issues,
      {'summary': 'Summary', 'issuetype': 'Issue Type', 'status': 'Status', 'created': 'Created', 'resolutiondate': 'Resolved',
       'customfield_10016': 'Story point estimate', 'customfield_10020': 'Sprint', 'customfield_10014': 'Epic Link', 'customfield_10000': 'Development'} AS names
    FROM range(1, ${issues + 1}) t(i) GROUP BY (i - 1) // 100 ORDER BY min(i)) TO ${lit(jiraJson)} (FORMAT json)`);
  files.push({ name: jiraJson, baseline: `read_json(${lit(jiraJson)})`, rows: issues });

  // PagerDuty REST v2 /incidents pages of 100.
  const pd = `${dir}/pagerduty-incidents.json`;
  await copy(`COPY (
    SELECT list({'id': 'Q' || i, 'incident_number': i, 'title': 'Incident ' || i, 'status': 'resolved',
      'urgency': CASE WHEN i % 3 = 0 THEN 'low' ELSE 'high' END,
      'created_at': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 4700), '%Y-%m-%dT%H:%M:%SZ'),
      'resolved_at': strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 4700 + 5400), '%Y-%m-%dT%H:%M:%SZ'),
      'service': {'id': 'PSVC' || (i % 40), 'summary': 'Service ' || (i % 40)},
      'priority': {'summary': 'P' || (i % 5 + 1)}, 'html_url': 'https://acme.pagerduty.com/incidents/Q' || i} ORDER BY i) AS incidents,
      100 AS "limit", min(i) - 1 AS "offset", max(i) < ${incidents} AS more
    FROM range(1, ${incidents + 1}) t(i) GROUP BY (i - 1) // 100 ORDER BY min(i)) TO ${lit(pd)} (FORMAT json)`);
  files.push({ name: pd, baseline: `read_json(${lit(pd)})`, rows: incidents });

  // Zendesk CSV report.
  const zd = `${dir}/zendesk-tickets.csv`;
  await copy(`COPY (
    SELECT i AS "Id", 'Ticket ' || i || ': "quoted", and a comma' AS "Subject", 'solved' AS "Status", 'normal' AS "Priority",
      CASE WHEN i % 5 = 0 THEN 'incident' ELSE 'question' END AS "Ticket type",
      strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 190), '%Y-%m-%d %H:%M') AS "Created at",
      strftime(TIMESTAMP '2023-11-01' + to_seconds(i * 190 + 7200), '%Y-%m-%d %H:%M') AS "Solved at",
      CASE WHEN i % 5 = 0 THEN 'bug outage' ELSE 'billing' END AS "Tags", 'Account ' || (i % 900) AS "Organization"
    FROM range(1, ${tickets + 1}) t(i)) TO ${lit(zd)} (FORMAT csv, HEADER true)`);
  files.push({ name: zd, baseline: `read_csv(${lit(zd)}, all_varchar = true)`, rows: tickets });

  // Generic NPS responses CSV.
  const npsFile = `${dir}/nps.csv`;
  await copy(`COPY (
    SELECT strftime(DATE '2023-11-01' + (i % 1090)::INTEGER, '%Y-%m-%d') AS date, (i * 7) % 11 AS score, 'Account ' || (i % 900) AS account,
      CASE WHEN i % 3 = 0 THEN 'Comment ' || i END AS comment, 'Enterprise' AS segment
    FROM range(1, ${nps + 1}) t(i)) TO ${lit(npsFile)} (FORMAT csv, HEADER true)`);
  files.push({ name: npsFile, baseline: `read_csv(${lit(npsFile)}, all_varchar = true)`, rows: nps });

  // Copilot users usage report (NDJSON), one row per engineer-day for a quarter of engineers.
  const copilot = `${dir}/copilot-users.ndjson`;
  const copilotRows = Math.round(engineers / 4) * 1090;
  await copy(`COPY (
    SELECT 'dev' || (i % ${Math.round(engineers / 4)}) AS user_login, strftime(DATE '2023-11-01' + (i // ${Math.round(engineers / 4)})::INTEGER, '%Y-%m-%d') AS day,
      (i * 13) % 400 AS loc_suggested_to_add_sum, (i * 7) % 200 AS loc_added_sum, (i % 30) AS user_initiated_interaction_count
    FROM range(${copilotRows}) t(i)) TO ${lit(copilot)} (FORMAT json)`);
  files.push({ name: copilot, baseline: `read_json(${lit(copilot)})`, rows: copilotRows });

  // Org map for every engineer and repo.
  const org = `${dir}/org-map.csv`;
  await copy(`COPY (
    SELECT 'person' AS type, 'dev' || i AS key, 'Team ' || (i % 60) AS team, ['junior', 'mid', 'senior', 'staff'][i % 4 + 1] AS seniority FROM range(${engineers}) t(i)
    UNION ALL SELECT 'repo', 'acme/repo-' || i, 'Team ' || (i % 60), NULL FROM range(200) t(i)) TO ${lit(org)} (FORMAT csv, HEADER true)`);
  files.push({ name: org, baseline: `read_csv(${lit(org)}, all_varchar = true)`, rows: engineers + 200 });
  return files;
}

/**
 * The org-scale files in `dir` at `scale`: written by a DuckDB of its own (8 GB, one thread, spilling
 * to `dir`: the nested GitHub and Jira shapes outgrow 4 GB at full scale), or — with `reuse` — taken
 * as they are when an earlier run wrote all of them there at the same scale (full scale takes ~40 s
 * and 3 GB to write).
 */
export async function benchFiles(dir: string, scale: number, { reuse = false } = {}): Promise<{ files: BenchFile[]; reused: boolean }> {
  const marker = join(dir, 'bench-scale.json');
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '8GB', threads: '1', temp_directory: join(dir, 'generate.tmp') });
  const conn = await instance.connect();
  try {
    if (reuse && existsSync(marker) && JSON.parse(await readFile(marker, 'utf8')).scale === scale) {
      const files = await writeBenchFiles(conn, dir, scale, { write: false });
      if (files.every((f) => existsSync(f.name))) return { files, reused: true };
    }
    await rm(marker, { force: true });
    const files = await writeBenchFiles(conn, dir, scale);
    await writeFile(marker, JSON.stringify({ scale }));
    return { files, reused: false };
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(join(dir, 'generate.tmp'), { recursive: true, force: true });
  }
}
