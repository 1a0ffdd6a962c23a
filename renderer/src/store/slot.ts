/**
 * One piece of workspace data held in a slice (the Data and Settings views' panels): loaded on
 * demand per workspace and data version, kept on screen while it refreshes, and dropped when an
 * answer arrives for a workspace that is no longer open.
 */
import type { Result } from '../../../shared/errors';
import type { Loadable } from './loadable';
import type { Store } from './types';

export async function loadSlot<T>(
  get: () => Store,
  read: (s: Store) => Loadable<T>,
  write: (value: Loadable<T>) => void,
  call: () => Promise<Result<T>>,
  force = false,
): Promise<void> {
  const workspace = get().app.workspace;
  if (!workspace) return;
  const version = get().app.dataVersion;
  const current = read(get());
  if (!force && current.version === version && current.path === workspace.path && current.status !== 'idle') return;
  const keep = current.path === workspace.path ? current.data : null;
  write({ status: 'loading', data: keep, error: null, version, path: workspace.path });
  const result = await call();
  if (get().app.workspace?.path !== workspace.path) return;
  // A newer load (after the data changed again) owns the slot now.
  if (read(get()).version !== version) return;
  write(
    result.ok
      ? { status: 'ready', data: result.value, error: null, version, path: workspace.path }
      : { status: 'error', data: keep, error: result.error, version, path: workspace.path },
  );
}

/** The slot's data for the open workspace (never another workspace's). */
export function slotData<T>(slot: Loadable<T>, workspacePath: string | null | undefined): T | null {
  return slot.path === (workspacePath ?? null) ? slot.data : null;
}
