import type { FormatImporter } from './types';
import { copilotImporters } from './formats/copilot';
import { githubImporters } from './formats/github';
import { helpdeskImporters } from './formats/helpdesk';
import { jiraImporters } from './formats/jira';
import { npsImporters } from './formats/nps';
import { orgMapCsv } from './formats/org-map';
import { pagerDutyImporters } from './formats/pagerduty';

/** Every supported export format. Detection picks the most specific match. */
export const importers: readonly FormatImporter[] = [
  orgMapCsv,
  ...githubImporters,
  ...copilotImporters,
  ...jiraImporters,
  ...pagerDutyImporters,
  ...helpdeskImporters,
  ...npsImporters,
];

export { importFiles, detectFormat, type ImportFileReport } from './run';
export type { FormatImporter, ImportOptions, SourceKind } from './types';
