import type { FormatImporter } from './types';
import { orgMapCsv } from './formats/org-map';

/** Every supported export format. Detection picks the most specific match. */
export const importers: readonly FormatImporter[] = [orgMapCsv];

export { importFiles, detectFormat, type ImportFileReport } from './run';
export type { FormatImporter, ImportOptions, SourceKind } from './types';
