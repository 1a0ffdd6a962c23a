import type { AppError } from '../../../shared/errors';

/** Data fetched for the open workspace: which workspace and data version it belongs to, and its state. */
export interface Loadable<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: AppError | null;
  /** The `dataVersion` the data (or the load in flight) belongs to. */
  version: number;
  /** The workspace path the data came from; data from another workspace is never shown. */
  path: string | null;
}

export const idle = <T>(): Loadable<T> => ({ status: 'idle', data: null, error: null, version: -1, path: null });
