/** Errors cross every boundary as values: a stable code plus a message a person can act on. */
export const errorCodes = [
  'invalid_request', // the request failed its schema
  'unauthorized', // browser mode: missing or wrong per-launch token, or foreign Host/Origin
  'not_found', // a file, workspace or row that does not exist
  'no_workspace', // the call needs an open workspace and none is open
  'workspace_invalid', // not a DuckDB file, truncated, or not an Undertow workspace
  'workspace_newer', // written by a newer Undertow than this one
  'workspace_locked', // another process holds the file
  'conflict', // would overwrite something that must not be overwritten
  'unsupported', // not available in this shell (e.g. native dialogs in browser mode)
  'remote', // GitHub (a live sync) refused or failed the request: the message says why and what to do
  'internal', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Optional structured context (file, line, field…) for the UI to show. */
  details?: Record<string, string | number | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
