/** Jira importers (CSV exports and REST search pages); the lead registers them in analytics/importers/index.ts. */
import type { FormatImporter } from '../../types';
import { jiraCsv } from './csv';
import { jiraJson } from './json';

export const jiraImporters: readonly FormatImporter[] = [jiraCsv, jiraJson];

export { jiraCsv, jiraJson };
export { DEFAULT_JIRA_BUG_TYPES, JIRA_BUG_TYPES_SETTING, readJiraBugTypes, reclassifyJiraBugs } from './issue-types';
