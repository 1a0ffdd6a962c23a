/**
 * `settings:get` / `settings:save`: the workspace settings of the Settings view — linking (incident
 * window, urgency/priority filters, hotfix prefixes, production environments), the Jira bug type
 * map and the default time zone of imports. Saving rebuilds what depends on them in the same
 * transaction: links (saveLinkSettings' rules) and the bug flags of stored issues.
 */
import type { CallRequestParsed } from '../../shared/contract';
import type { LinkingSettings, SettingsSaved, ValueCount, WorkspaceSettings } from '../../shared/data';
import type { SqlReader } from '../attribution/rules';
import { UndertowError } from '../errors';
import {
  DEFAULT_JIRA_BUG_TYPES,
  JIRA_BUG_TYPES_SETTING,
  readJiraBugTypes,
  reclassifyJiraBugs,
} from '../importers/formats/jira/issue-types';
import { DEFAULT_LINK_SETTINGS, getLinkSettings, validateLinkSettings, writeLinkSettings } from '../linking/settings';
import { relinkParts } from '../linking/relink';
import type { Queryable, Workspace } from '../workspace/workspace';
import seenValuesSql from './settings-seen.sql';

/** The `settings` key of the default zone for timestamps written without one. */
export const IMPORT_TIME_ZONE_SETTING = 'import.timeZone';

/** The machine's own zone: what a leader's exports without offsets were most likely written in. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

async function readJsonSetting(q: SqlReader, key: string): Promise<unknown> {
  const [row] = await q.all<{ value: string }>('SELECT CAST(value AS VARCHAR) AS value FROM settings WHERE key = $key', { key });
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

async function writeJsonSetting(tx: Queryable, key: string, value: unknown): Promise<void> {
  await tx.run(
    `INSERT INTO settings (key, value, updated_at) VALUES ($key, CAST($value AS JSON), now()::TIMESTAMP)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    { key, value: JSON.stringify(value) },
  );
}

/** The workspace's default import zone, or null when it has none (or a stored one this runtime does not know). */
export async function storedTimeZone(q: SqlReader): Promise<string | null> {
  const value = await readJsonSetting(q, IMPORT_TIME_ZONE_SETTING);
  return typeof value === 'string' && isTimeZone(value) ? value : null;
}

/** The zone applied to zone-less times when an import names none: the workspace's, else the machine's. */
export async function defaultImportTimeZone(q: SqlReader | null): Promise<string> {
  return (q ? await storedTimeZone(q) : null) ?? machineTimeZone();
}

/** The bug type names as the user entered them (the stored list), or the built-in list. */
async function bugTypesAsEntered(q: SqlReader): Promise<{ types: string[]; isDefault: boolean }> {
  const value = await readJsonSetting(q, JIRA_BUG_TYPES_SETTING);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { types: value, isDefault: false };
  return { types: [...DEFAULT_JIRA_BUG_TYPES], isDefault: true };
}

export async function getWorkspaceSettings(ws: Workspace): Promise<WorkspaceSettings> {
  const linking = await getLinkSettings(ws);
  const bugTypes = await bugTypesAsEntered(ws);
  const inForce = new Set((bugTypes.isDefault ? DEFAULT_JIRA_BUG_TYPES : bugTypes.types).map((t) => t.trim().toLowerCase()));
  const rows = await ws.all<{ kind: string; value: string; n: number }>(seenValuesSql);
  const seen = (kind: string): ValueCount[] => rows.filter((r) => r.kind === kind).map((r) => ({ value: r.value, count: Number(r.n) }));
  return {
    linking: copyLinking(linking),
    linkingDefaults: copyLinking(DEFAULT_LINK_SETTINGS),
    seen: {
      urgencies: seen('urgency'),
      priorities: seen('priority'),
      environments: seen('environment'),
      issueTypes: seen('issue_type').map((v) => ({ ...v, isBug: inForce.has(v.value.trim().toLowerCase()) })),
    },
    jiraBugTypes: { types: bugTypes.types, isDefault: bugTypes.isDefault, defaults: [...DEFAULT_JIRA_BUG_TYPES] },
    timeZone: { value: await storedTimeZone(ws), machine: machineTimeZone() },
  };
}

function copyLinking(s: Readonly<LinkingSettings>): LinkingSettings {
  return {
    incidentWindowHours: s.incidentWindowHours,
    incidentUrgencies: s.incidentUrgencies ? [...s.incidentUrgencies] : null,
    incidentPriorities: s.incidentPriorities ? [...s.incidentPriorities] : null,
    hotfixBranchPrefixes: [...s.hotfixBranchPrefixes],
    productionEnvironments: [...s.productionEnvironments],
  };
}

/**
 * Save any part of the settings in ONE transaction, with what depends on it: incident links and
 * hotfix flags when the linking settings change, the bug flags of stored Jira issues when the bug
 * type map changes. An invalid value fails the whole save and nothing changes.
 */
export async function saveWorkspaceSettings(ws: Workspace, request: CallRequestParsed<'settings:save'>): Promise<SettingsSaved> {
  const linking = request.linking ? validateLinkSettings(request.linking) : null;
  let bugTypes: string[] | null | undefined;
  if (request.jiraBugTypes !== undefined) {
    bugTypes = request.jiraBugTypes === null ? null : [...new Set(request.jiraBugTypes.map((t) => t.trim()).filter((t) => t !== ''))];
    if (bugTypes !== null && bugTypes.length === 0) {
      throw new UndertowError('invalid_request', 'Name at least one Jira issue type that counts as a bug (for example Bug), or reset the list to the built-in one.', { field: 'jiraBugTypes' });
    }
  }
  if (request.timeZone && !isTimeZone(request.timeZone)) {
    throw new UndertowError('invalid_request', `"${request.timeZone}" is not a time zone this computer knows; pick one such as Europe/Berlin or UTC.`, { field: 'timeZone' });
  }

  const outcome = await ws.transaction(async (tx) => {
    let relinked = false;
    let reclassified = 0;
    if (linking && Object.keys(linking).length > 0) {
      const before = JSON.stringify(await getLinkSettings(tx));
      await writeLinkSettings(tx, linking);
      if (JSON.stringify(await getLinkSettings(tx)) !== before) {
        await relinkParts(tx, ['reverts', 'incidents']);
        relinked = true;
      }
    }
    if (bugTypes !== undefined) {
      const before = (await readJiraBugTypes(tx)).join('\n');
      if (bugTypes === null) await tx.run('DELETE FROM settings WHERE key = $key', { key: JIRA_BUG_TYPES_SETTING });
      else await writeJsonSetting(tx, JIRA_BUG_TYPES_SETTING, bugTypes);
      if ((await readJiraBugTypes(tx)).join('\n') !== before) reclassified = await reclassifyJiraBugs(tx);
    }
    if (request.timeZone !== undefined) {
      if (request.timeZone === null) await tx.run('DELETE FROM settings WHERE key = $key', { key: IMPORT_TIME_ZONE_SETTING });
      else await writeJsonSetting(tx, IMPORT_TIME_ZONE_SETTING, request.timeZone);
    }
    return { relinked, reclassified };
  });
  return { settings: await getWorkspaceSettings(ws), ...outcome };
}
