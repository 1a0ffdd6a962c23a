/**
 * Linking settings (product.md §5), stored as JSON in the workspace's `settings` table under
 * `linking.*` keys. The defaults live here and apply to any key not stored (a new workspace stores
 * none). Saving them relinks in the same transaction.
 */
import { UndertowError } from '../errors';
import type { Queryable } from '../workspace/workspace';
import type { SqlReader, Transactional } from '../attribution/rules';
import { relinkParts } from './relink';

export interface LinkSettings {
  /** Hours before an incident in which a deployment or merge can be blamed for it (default 72). */
  incidentWindowHours: number;
  /** Urgencies an incident must have to be linked (case-insensitive); null = every urgency. */
  incidentUrgencies: string[] | null;
  /** Priorities (e.g. P1, P2) an incident must have to be linked; null = every priority. */
  incidentPriorities: string[] | null;
  /** Head-branch prefixes that make a PR a hotfix (case-insensitive). */
  hotfixBranchPrefixes: string[];
  /** Deployment environments that count as production (case-insensitive). */
  productionEnvironments: string[];
}

export const DEFAULT_LINK_SETTINGS: Readonly<LinkSettings> = Object.freeze({
  incidentWindowHours: 72,
  incidentUrgencies: null,
  incidentPriorities: null,
  hotfixBranchPrefixes: ['hotfix/', 'hotfix-'],
  productionEnvironments: ['production', 'prod'],
});

const KEYS: Readonly<Record<keyof LinkSettings, string>> = {
  incidentWindowHours: 'linking.incidentWindowHours',
  incidentUrgencies: 'linking.incidentUrgencies',
  incidentPriorities: 'linking.incidentPriorities',
  hotfixBranchPrefixes: 'linking.hotfixBranchPrefixes',
  productionEnvironments: 'linking.productionEnvironments',
};

const MAX_WINDOW_HOURS = 24 * 90;

function bad(field: keyof LinkSettings, message: string): never {
  throw new UndertowError('invalid_request', message, { field });
}

function stringList(field: keyof LinkSettings, value: unknown, nullable: boolean): string[] | null {
  if (value === null && nullable) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) bad(field, `${field} must be a list of strings${nullable ? ' or null' : ''}.`);
  const list = [...new Set((value as string[]).map((v) => v.trim()).filter((v) => v !== ''))];
  if (list.length > 50) bad(field, `${field} has more than 50 entries.`);
  return list;
}

/** Validate (a part of) the settings; throws invalid_request naming the field. */
export function validateLinkSettings(input: Partial<LinkSettings>): Partial<LinkSettings> {
  const out: Partial<LinkSettings> = {};
  for (const key of Object.keys(input) as (keyof LinkSettings)[]) {
    const value: unknown = input[key];
    switch (key) {
      case 'incidentWindowHours':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_WINDOW_HOURS) {
          bad(key, `incidentWindowHours must be a number of hours between 0 and ${MAX_WINDOW_HOURS}.`);
        }
        out.incidentWindowHours = value;
        break;
      case 'incidentUrgencies':
      case 'incidentPriorities':
        out[key] = stringList(key, value, true);
        break;
      case 'hotfixBranchPrefixes':
      case 'productionEnvironments':
        out[key] = stringList(key, value, false)!;
        break;
      default:
        throw new UndertowError('invalid_request', `Unknown linking setting "${String(key)}".`, { field: String(key) });
    }
  }
  return out;
}

/** The stored settings; a missing or unreadable value falls back to its default. */
export async function getLinkSettings(q: SqlReader): Promise<LinkSettings> {
  const rows = await q.all<{ key: string; value: string }>("SELECT key, CAST(value AS VARCHAR) AS value FROM settings WHERE starts_with(key, 'linking.')");
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const settings: LinkSettings = { ...DEFAULT_LINK_SETTINGS };
  for (const field of Object.keys(KEYS) as (keyof LinkSettings)[]) {
    const raw = stored.get(KEYS[field]);
    if (raw === undefined) continue;
    try {
      Object.assign(settings, validateLinkSettings({ [field]: JSON.parse(raw) as unknown }));
    } catch {
      // A hand-edited, invalid value: the default applies (the settings screen shows and rewrites it).
    }
  }
  return settings;
}

/** Write settings inside the caller's transaction (no relink). */
export async function writeLinkSettings(tx: Queryable, input: Partial<LinkSettings>): Promise<void> {
  const valid = validateLinkSettings(input);
  for (const [field, value] of Object.entries(valid) as [keyof LinkSettings, unknown][]) {
    await tx.run(
      `INSERT INTO settings (key, value, updated_at) VALUES ($key, CAST($value AS JSON), now()::TIMESTAMP)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      { key: KEYS[field], value: JSON.stringify(value) },
    );
  }
}

/** Save settings and relink everything they affect, in one transaction. Returns the new settings. */
export async function saveLinkSettings(ws: Transactional, input: Partial<LinkSettings>): Promise<LinkSettings> {
  return ws.transaction(async (tx) => {
    await writeLinkSettings(tx, input);
    await relinkParts(tx, ['reverts', 'incidents']);
    return getLinkSettings(tx);
  });
}

/** Window hours as they appear in rule names: `72`, `1.5`. */
export function windowLabel(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : String(Number(hours.toFixed(2)));
}
