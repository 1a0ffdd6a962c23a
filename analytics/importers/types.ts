import type { Queryable } from '../workspace/workspace';

export type SourceKind = 'github' | 'jira' | 'pagerduty' | 'copilot' | 'helpdesk' | 'nps' | 'org';

/** What detection sees of a file: its start, decoded, plus cheap structural hints. */
export interface FileSample {
  path: string;
  name: string;
  size: number;
  /** The first bytes (≤ 256 KiB) decoded as UTF-8 with any BOM removed. */
  text: string;
  /** The sample is the whole file. */
  complete: boolean;
  /** 'json' for a document starting with [ or {, 'csv' for delimited text, else 'text'. */
  shape: 'json' | 'csv' | 'text';
  /** CSV: the header cells of the first line (as DuckDB will name them, before de-duplication). */
  csvHeader: string[];
  /** JSON: the first record found in the sample (array element, NDJSON line or wrapper element). */
  firstRecord: Record<string, unknown> | null;
  /** JSON: the keys of the top-level object when the document is an object ({incidents: […]} etc.). */
  topLevelKeys: string[];
}

export interface ImportOptions {
  /** IANA zone for timestamps written without one (Jira CSV, PagerDuty analytics). */
  timeZone: string;
  /** Generic CSVs: canonical field → the file's column name. */
  columnMapping?: Record<string, string>;
  /** Recorded in `imports.source` instead of the format's own source (a live GitHub sync: 'github-api'). */
  importSource?: string;
}

/** Per canonical table, what one file did to it. */
export interface TableCounts {
  table: string;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that repeated a natural key already in the same file (merged into one). */
  duplicates: number;
}

export interface RejectRow {
  line: number;
  field: string | null;
  reason: string;
}

export interface ImportContext {
  /**
   * The import's statements; its writes to the workspace commit together or not at all. The
   * transaction begins at the first statement that writes the workspace: reads and work on temp
   * tables (`temp` names) before it run on their own, each committed as it ends, so DuckDB scans those
   * tables on every thread (see Workspace.stagedTransaction). Make the temp tables a later pass reads
   * before the first write.
   */
  tx: Queryable;
  /** Temp table (line, field, reason, raw) gathering the rejected rows; stored with the import at its end. */
  rejects: string;
  path: string;
  importId: number;
  options: ImportOptions;
  /** Report progress in rows (total unknown) — forwarded as job:progress events. */
  progress(label: string, fraction: number | null): void;
  /** Stage names are unique per import so importers can create temp tables freely. */
  temp(name: string): string;
}

export interface LoadResult {
  /** Every table the file touched; the FIRST is the file's own records, which the report counts. */
  tables: TableCounts[];
  rejected: number;
}

/** One export format: detect it from content, load it into the canonical tables. */
export interface FormatImporter {
  /** Stable id, e.g. 'github-gh-pr-list'. */
  format: string;
  source: SourceKind;
  /** Human name, e.g. "GitHub pull requests (gh pr list --json)". */
  label: string;
  /** 0 when the sample is not this format; higher is a more specific match. */
  detect(sample: FileSample): number;
  load(ctx: ImportContext): Promise<LoadResult>;
}
