import { recordRejects } from '../rejects';
import { hasColumns, stageCsv } from '../stage';
import type { FormatImporter } from '../types';
import { upsert } from '../upsert';

const TYPES = ['person', 'repo', 'service', 'jira_project', 'jira_component'];
const SENIORITY = ['junior', 'mid', 'senior', 'staff', 'principal'];

/** Team ids are stable slugs of the team name: "Payments & Billing" → "payments-billing". */
export const teamIdSql = (expr: string) => `trim(regexp_replace(lower(trim(${expr})), '[^a-z0-9]+', '-', 'g'), '-')`;

/**
 * The org map: one CSV `type,key,team,seniority` (product.md §2 journey 3). The map is
 * authoritative: a newer row replaces an older mapping of the same key, including its seniority.
 */
export const orgMapCsv: FormatImporter = {
  format: 'org-map-csv',
  source: 'org',
  label: 'Org map CSV (type,key,team,seniority)',
  detect: (sample) => (sample.shape === 'csv' && hasColumns(sample.csvHeader, ['type', 'key', 'team']) ? 10 : 0),
  async load(ctx) {
    const stage = await stageCsv(ctx, 'org', { columns: ['type', 'key', 'team', 'seniority'] });
    const hasSeniority = stage.columns.some((c) => c.toLowerCase() === 'seniority');
    const named = `(SELECT line, ${stage.column('type')} AS type, ${stage.column('key')} AS key, ${stage.column('team')} AS team,
                           ${hasSeniority ? `lower(trim(${stage.column('seniority')}))` : 'NULL::VARCHAR'} AS seniority FROM ${stage.table})`;
    const rejects = await recordRejects(
      ctx,
      named,
      [
        { field: 'type', reason: `type must be one of ${TYPES.join(', ')}`, when: `lower(trim(coalesce(type, ''))) NOT IN (${TYPES.map((t) => `'${t}'`).join(', ')})` },
        { field: 'key', reason: 'key is empty', when: `coalesce(trim(key), '') = ''` },
        { field: 'team', reason: 'team is empty', when: `coalesce(trim(team), '') = '' OR ${teamIdSql('team')} = ''` },
        {
          field: 'seniority',
          reason: `seniority must be empty or one of ${SENIORITY.join(', ')}`,
          when: `seniority IS NOT NULL AND seniority <> '' AND seniority NOT IN (${SENIORITY.map((s) => `'${s}'`).join(', ')})`,
        },
      ],
      stage.raw(),
    );
    const rows = ctx.temp('org_rows');
    await ctx.tx.run(`CREATE TEMP TABLE ${rows} AS
      SELECT line, lower(trim(type)) AS type, trim(key) AS key, ${teamIdSql('team')} AS team_id, trim(team) AS team_name,
             nullif(seniority, '') AS seniority
      FROM ${named} WHERE ${rejects.keep()}`);
    await rejects.drop();
    await stage.drop();
    const teams = await upsert(ctx.tx, { table: 'teams', key: ['team_id'], columns: ['team_id', 'name'], stage: `(SELECT line, team_id, team_name AS name FROM ${rows})` }, ctx.importId);
    const map = await upsert(
      ctx.tx,
      { table: 'org_map', key: ['type', 'key'], columns: ['type', 'key', 'team_id', 'seniority'], stage: rows, overwrite: ['team_id', 'seniority'] },
      ctx.importId,
    );
    const people = await upsert(ctx.tx, { table: 'people', key: ['login'], columns: ['login'], stage: `(SELECT line, key AS login FROM ${rows} WHERE type = 'person')` }, ctx.importId);
    return { tables: [map, teams, people], rejected: rejects.rejected };
  },
};
