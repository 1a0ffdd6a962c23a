import type { FormatImporter } from './types';
import { helpdeskImporters } from './formats/helpdesk';
import { npsImporters } from './formats/nps';
import { orgMapCsv } from './formats/org-map';

/** Every supported export format. Detection picks the most specific match. */
export const importers: readonly FormatImporter[] = [orgMapCsv, ...helpdeskImporters, ...npsImporters];

export { importFiles, detectFormat, type ImportFileReport } from './run';
export type { FormatImporter, ImportOptions, SourceKind } from './types';
