/**
 * The org map editor's calls (`org:*`, product.md §2 journey 3): list the map and its teams, list
 * what the data names but the map gives to no team, add/change/remove rows, export the map as the
 * one CSV that `npm run cli -- org` and the import wizard read back. Every change runs in ONE
 * transaction with what depends on the map — attribution and every link — exactly as an org-map
 * import does (analytics/derive.ts), so numbers never disagree with the map on screen.
 */
import type { CallRequestParsed } from '../../shared/contract';
import { toCsv } from '../../shared/csv';
import { orgEntryTypes, type OrgChange, type OrgEntryType, type OrgMap, type OrgTeam, type OrgUnknowns, type Seniority } from '../../shared/data';
import type { SqlReader } from '../attribution/rules';
import { runDerivations } from '../derive';
import { UndertowError } from '../errors';
import { teamIdSql } from '../importers/formats/org-map';
import type { Queryable, Workspace } from '../workspace/workspace';
import unknownsSql from './org-unknowns.sql';

const zeroCounts = (): Record<OrgEntryType, number> => Object.fromEntries(orgEntryTypes.map((t) => [t, 0])) as Record<OrgEntryType, number>;

export async function orgMap(q: SqlReader): Promise<OrgMap> {
  const entries = await q.all<{ type: OrgEntryType; key: string; team_id: string; team_name: string | null; seniority: Seniority | null }>(
    `SELECT o.type, o.key, o.team_id, t.name AS team_name, o.seniority
     FROM org_map o LEFT JOIN teams t USING (team_id)
     ORDER BY o.type, lower(o.key), o.key`,
  );
  const teams = await q.all<{ team_id: string; name: string }>(
    `SELECT team_id, name FROM (
       SELECT team_id, name FROM teams
       UNION
       SELECT DISTINCT team_id, team_id FROM org_map WHERE team_id NOT IN (SELECT team_id FROM teams)
     ) ORDER BY lower(name), team_id`,
  );
  const byTeam = new Map<string, OrgTeam>(teams.map((t) => [t.team_id, { teamId: t.team_id, name: t.name, counts: zeroCounts() }]));
  for (const e of entries) byTeam.get(e.team_id)!.counts[e.type]++;
  return {
    entries: entries.map((e) => ({ type: e.type, key: e.key, teamId: e.team_id, teamName: e.team_name ?? e.team_id, seniority: e.type === 'person' ? e.seniority : null })),
    teams: [...byTeam.values()],
  };
}

export async function orgUnknowns(q: SqlReader, request: CallRequestParsed<'org:unknowns'>): Promise<OrgUnknowns> {
  const rows = await q.all<{ type: OrgEntryType; key: string; n: number; last_seen: string | null; total: number }>(unknownsSql, { limit: request.limit ?? 200 });
  const totals = zeroCounts();
  for (const r of rows) totals[r.type] = Number(r.total);
  return { items: rows.map((r) => ({ type: r.type, key: r.key, rows: Number(r.n), lastSeen: r.last_seen })), totals };
}

type EntryInput = CallRequestParsed<'org:upsert'>['entries'][number];

function clean(entries: readonly EntryInput[]): Array<{ type: OrgEntryType; key: string; team: string; seniority: Seniority | null }> {
  const seen = new Set<string>();
  const out: Array<{ type: OrgEntryType; key: string; team: string; seniority: Seniority | null }> = [];
  for (const [i, e] of entries.entries()) {
    const key = e.key.trim();
    const team = e.team.trim();
    if (key === '') throw new UndertowError('invalid_request', `Row ${i + 1}: the ${label(e.type)} is empty.`, { field: 'key', row: i + 1 });
    if (team === '' || !/[\p{L}\p{N}]/u.test(team)) throw new UndertowError('invalid_request', `Row ${i + 1} (${key}): name a team.`, { field: 'team', row: i + 1 });
    const id = `${e.type}\n${key.toLowerCase()}`;
    if (seen.has(id)) throw new UndertowError('invalid_request', `${label(e.type)} "${key}" is listed twice.`, { field: 'key', row: i + 1 });
    seen.add(id);
    out.push({ type: e.type, key, team, seniority: e.type === 'person' ? (e.seniority ?? null) : null });
  }
  return out;
}

const LABELS: Record<OrgEntryType, string> = { person: 'person', repo: 'repository', service: 'service', jira_project: 'Jira project', jira_component: 'Jira component' };
const label = (type: OrgEntryType) => LABELS[type];

/** Count of org-map rows, to report how many a change touched. */
async function snapshot(tx: Queryable): Promise<Set<string>> {
  const rows = await tx.all<{ row: string }>("SELECT concat_ws('\u0001', type, key, team_id, coalesce(seniority, '')) AS row FROM org_map");
  return new Set(rows.map((r) => r.row));
}

function difference(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (!b.has(x)) n++;
  for (const x of b) if (!a.has(x)) n++;
  return n;
}

/**
 * Add or change rows: each key gets the named team (created when new; its id is the slug of its
 * name, as the org-map CSV makes it) and, for people, the seniority. A key already mapped in another
 * letter case is replaced, so one key never has two teams. A team left without rows is removed.
 */
export async function upsertOrgEntries(ws: Workspace, request: CallRequestParsed<'org:upsert'>): Promise<OrgChange> {
  const entries = clean(request.entries);
  const changed = await ws.transaction(async (tx) => {
    const before = await snapshot(tx);
    const edits = '__org_edits';
    await tx.run(
      `CREATE OR REPLACE TEMP TABLE ${edits} AS
       SELECT e.type, e.key, ${teamIdSql('e.team')} AS team_id, e.team AS team_name, e.seniority
       FROM (SELECT unnest(from_json($rows, '[{"type":"VARCHAR","key":"VARCHAR","team":"VARCHAR","seniority":"VARCHAR"}]'), recursive := true)) e`,
      { rows: JSON.stringify(entries) },
    );
    try {
      const [bad] = await tx.all<{ key: string }>(`SELECT key FROM ${edits} WHERE team_id = '' LIMIT 1`);
      if (bad) throw new UndertowError('invalid_request', `The team of "${bad.key}" needs at least one letter or digit (a-z, 0-9) in its name.`, { field: 'team' });
      await tx.run(
        `INSERT INTO teams (team_id, name) SELECT team_id, min(team_name) FROM ${edits} GROUP BY team_id ON CONFLICT (team_id) DO NOTHING`,
      );
      await tx.run(
        `DELETE FROM org_map o USING ${edits} e WHERE o.type = e.type AND lower(o.key) = lower(e.key) AND o.key <> e.key`,
      );
      await tx.run(
        `INSERT INTO org_map (type, key, team_id, seniority, source_import)
         SELECT type, key, team_id, seniority, NULL FROM ${edits}
         ON CONFLICT (type, key) DO UPDATE SET team_id = excluded.team_id, seniority = excluded.seniority`,
      );
      await tx.run(
        `INSERT INTO people (login) SELECT e.key FROM ${edits} e
         WHERE e.type = 'person' AND lower(e.key) NOT IN (SELECT lower(login) FROM people)`,
      );
    } finally {
      await tx.run(`DROP TABLE IF EXISTS ${edits}`);
    }
    const n = difference(before, await snapshot(tx));
    if (n > 0) {
      // A team whose last row moved to another team goes (only the org map creates teams).
      await tx.run('DELETE FROM teams WHERE team_id NOT IN (SELECT team_id FROM org_map)');
      await runDerivations(tx, ['org']);
    }
    return n;
  });
  return { map: await orgMap(ws), changed };
}

/** Remove rows (matched case-insensitively); a team left with no rows is removed too. */
export async function removeOrgEntries(ws: Workspace, request: CallRequestParsed<'org:remove'>): Promise<OrgChange> {
  const changed = await ws.transaction(async (tx) => {
    const before = await snapshot(tx);
    await tx.run(
      `DELETE FROM org_map o USING (
         SELECT unnest(from_json($rows, '[{"type":"VARCHAR","key":"VARCHAR"}]'), recursive := true)
       ) e WHERE o.type = e.type AND lower(o.key) = lower(trim(e.key))`,
      { rows: JSON.stringify(request.entries) },
    );
    const n = difference(before, await snapshot(tx));
    if (n > 0) {
      await tx.run('DELETE FROM teams WHERE team_id NOT IN (SELECT team_id FROM org_map)');
      await runDerivations(tx, ['org']);
    }
    return n;
  });
  return { map: await orgMap(ws), changed };
}

/** The map as the org-map CSV (`type,key,team,seniority`), readable by the import wizard and `npm run cli -- org`. */
export async function exportOrgMap(q: SqlReader): Promise<{ csv: string; rows: number }> {
  const map = await orgMap(q);
  const rows = map.entries.map((e) => [e.type, e.key, e.teamName, e.seniority ?? '']);
  return { csv: toCsv([['type', 'key', 'team', 'seniority'], ...rows]), rows: rows.length };
}
