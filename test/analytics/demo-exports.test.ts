import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoOrg, writeDemoExports, type DemoExportFile, type DemoOrg } from '../../analytics/demo';
import { csvField, toCsv } from '../../analytics/demo/exports/csv';

/** A strict RFC 4180 reader for the checks: quoted fields, doubled quotes, CRLF or LF, breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && !',\r\n'.includes(text[i]!)) throw new Error(`text after closing quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

let org: DemoOrg;
let dirA: string;
let dirB: string;
let filesA: DemoExportFile[];
let filesB: DemoExportFile[];

beforeAll(async () => {
  org = generateDemoOrg();
  dirA = await mkdtemp(join(tmpdir(), 'undertow-demo-exports-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'undertow-demo-exports-b-'));
  filesA = await writeDemoExports(dirA, { org });
  // The second run regenerates from the seed: determinism covers generation, not just writing.
  filesB = await writeDemoExports(dirB);
});

afterAll(async () => {
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

function file(format: DemoExportFile['format']): DemoExportFile[] {
  return filesA.filter((f) => f.format === format);
}

describe('CSV writer', () => {
  it('quotes per RFC 4180 and round-trips awkward values', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    const rows = [['Harborpoint Foods, Inc.', 'He said "no"\r\nthen left', null], ['Zoë Müller', '🤖', '']];
    expect(parseCsv(toCsv(['a', 'b', 'c'], rows))).toEqual([['a', 'b', 'c'], ['Harborpoint Foods, Inc.', 'He said "no"\r\nthen left', ''], ['Zoë Müller', '🤖', '']]);
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow();
  });
});

describe('writeDemoExports', () => {
  it('writes byte-identical files for the same seed', async () => {
    expect(filesB.map((f) => f.path)).toEqual(filesA.map((f) => f.path));
    for (const f of filesA) expect(await sha256Of(join(dirB, f.path)), f.path).toBe(await sha256Of(join(dirA, f.path)));
  });

  it('writes every format the importers will read', () => {
    expect(new Set(filesA.map((f) => f.format))).toEqual(
      new Set(['org-map-csv', 'gh-pr-list-json', 'github-deployments-json', 'github-deployment-statuses-json', 'jira-csv', 'pagerduty-incidents-json', 'zendesk-tickets-csv', 'nps-csv', 'copilot-users-ndjson']),
    );
    expect(file('gh-pr-list-json')).toHaveLength(org.repos.length);
    expect(file('github-deployments-json')).toHaveLength(org.repos.filter((r) => r.hasDeployments).length);
  });

  it('writes Jira "all fields" CSV with repeated headers, Berlin-local dates and multi-line cells', async () => {
    const jiraFiles = file('jira-csv');
    expect(jiraFiles.every((f) => f.records <= 1000)).toBe(true);
    expect(jiraFiles.reduce((s, f) => s + f.records, 0)).toBe(org.issues.length);
    const byKey = new Map(org.issues.map((i) => [i.key, i]));
    let multiLine = 0;
    for (const f of jiraFiles) {
      const text = await readFile(join(dirA, f.path), 'utf8');
      const [header, ...rows] = parseCsv(text);
      expect(rows).toHaveLength(f.records);
      expect(header!.filter((h) => h === 'Labels').length).toBeGreaterThanOrEqual(1);
      expect(header!.filter((h) => h === 'Watchers')).toHaveLength(2);
      for (const name of ['Issue key', 'Issue id', 'Issue Type', 'Status', 'Status Category', 'Priority', 'Created', 'Resolved', 'Custom field (Story Points)', 'Parent', 'Sprint', 'Component/s']) {
        expect(header, name).toContain(name);
      }
      const col = (name: string): number => header!.indexOf(name);
      for (const row of rows) {
        expect(row).toHaveLength(header!.length);
        const issue = byKey.get(row[col('Issue key')]!)!;
        expect(row[col('Summary')]).toBe(issue.summary);
        expect(row[col('Description')]).toBe(issue.description);
        expect(row[col('Created')]).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{2} \d{1,2}:\d{2} (AM|PM)$/);
        if (row[col('Description')]!.includes('\n')) multiLine++;
      }
    }
    expect(multiLine).toBeGreaterThan(100);
    expect(org.issues.some((i) => i.summary.includes(','))).toBe(true);
    // 2024-11-01 00:00 UTC is 01:00 in Berlin (CET); 2025-07-01 00:00 UTC is 02:00 (CEST).
    const { jiraDateTime } = await import('../../analytics/demo/period');
    expect(jiraDateTime(Date.UTC(2024, 10, 1))).toBe('01/Nov/24 1:00 AM');
    expect(jiraDateTime(Date.UTC(2025, 6, 1, 14, 37))).toBe('01/Jul/25 4:37 PM');
  });

  it('writes CSVs DuckDB reads back with the right row counts', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const count = async (path: string): Promise<number> => {
        const reader = await conn.runAndReadAll('SELECT count(*) AS n FROM read_csv($1, header = true, all_varchar = true)', [path]);
        return Number(reader.getRowObjectsJS()[0]!.n);
      };
      for (const format of ['org-map-csv', 'zendesk-tickets-csv', 'nps-csv', 'jira-csv'] as const) {
        for (const f of file(format)) expect(await count(join(dirA, f.path)), f.path).toBe(f.records);
      }
      const nps = (await conn.runAndReadAll("SELECT min(score::INT) AS lo, max(score::INT) AS hi, count(DISTINCT segment) AS segments FROM read_csv($1, header = true, all_varchar = true)", [join(dirA, 'nps/nps-responses.csv')])).getRowObjectsJS()[0]!;
      expect(Number(nps.lo)).toBeGreaterThanOrEqual(0);
      expect(Number(nps.hi)).toBeLessThanOrEqual(10);
      expect(Number(nps.segments)).toBe(3);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('writes gh pr list JSON with camelCase fields, upper-case states and app/ bot authors', async () => {
    const all: Array<Record<string, unknown>> = [];
    for (const f of file('gh-pr-list-json')) {
      const prs = JSON.parse(await readFile(join(dirA, f.path), 'utf8')) as Array<Record<string, unknown>>;
      expect(prs).toHaveLength(f.records);
      all.push(...prs);
    }
    expect(all).toHaveLength(org.pullRequests.length);
    const states = new Set(all.map((p) => p.state));
    expect(states).toEqual(new Set(['OPEN', 'CLOSED', 'MERGED']));
    const sample = all[0]!;
    for (const key of ['number', 'title', 'body', 'author', 'createdAt', 'mergedAt', 'closedAt', 'state', 'additions', 'deletions', 'changedFiles', 'headRefName', 'baseRefName', 'labels', 'commits', 'reviews', 'url', 'isDraft', 'mergeCommit']) {
      expect(sample, key).toHaveProperty(key);
    }
    const bot = all.find((p) => (p.author as { login: string }).login === 'app/copilot-swe-agent');
    expect(bot?.author).toMatchObject({ is_bot: true });
    const commit = (sample.commits as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(commit).sort()).toEqual(['authoredDate', 'authors', 'committedDate', 'messageBody', 'messageHeadline', 'oid']);
  });

  it('writes deployments with their statuses, PagerDuty pages and Copilot NDJSON', async () => {
    for (const f of file('github-deployment-statuses-json')) {
      const statuses = JSON.parse(await readFile(join(dirA, f.path), 'utf8')) as Array<{ deployment_url: string; state: string }>;
      const deployments = JSON.parse(await readFile(join(dirA, f.path.replace('deployment-statuses', 'deployments')), 'utf8')) as Array<{ url: string }>;
      const urls = new Set(deployments.map((d) => d.url));
      expect(statuses.every((s) => urls.has(s.deployment_url))).toBe(true);
      expect(statuses.length).toBe(deployments.length * 2);
    }
    const pages = file('pagerduty-incidents-json');
    let seen = 0;
    for (const [i, f] of pages.entries()) {
      const page = JSON.parse(await readFile(join(dirA, f.path), 'utf8')) as { incidents: Array<Record<string, unknown>>; limit: number; offset: number; more: boolean };
      expect(page.offset).toBe(seen);
      expect(page.more).toBe(i < pages.length - 1);
      seen += page.incidents.length;
      if (i === 0) {
        expect(page.incidents[0]).not.toHaveProperty('resolved_at');
        expect(page.incidents[0]).not.toHaveProperty('priority');
        expect(page.incidents[0]).toHaveProperty('last_status_change_at');
      }
      if (i === pages.length - 1) expect(page.incidents.at(-1)).toHaveProperty('priority');
    }
    expect(seen).toBe(org.incidents.length);
    const ndjson = (await readFile(join(dirA, 'copilot/copilot-users-1-day.ndjson'), 'utf8')).trimEnd().split('\n');
    expect(ndjson).toHaveLength(org.copilotUsage.length);
    const record = JSON.parse(ndjson[0]!) as Record<string, unknown>;
    for (const key of ['user_login', 'day', 'loc_added_sum', 'loc_suggested_to_add_sum', 'user_initiated_interaction_count']) expect(record, key).toHaveProperty(key);
  });
});
