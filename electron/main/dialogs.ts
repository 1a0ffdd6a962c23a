import { BrowserWindow, app, dialog, type FileFilter } from 'electron';
import { join } from 'node:path';
import { toAppError } from '../../analytics/errors';
import { withWorkspaceExtension } from './launch';

const filters: FileFilter[] = [{ name: 'Undertow workspace', extensions: ['duckdb'] }];

/** The native file dialog behind `dialog:pickWorkspace` and the File menu; null when cancelled. */
export async function pickWorkspace(purpose: 'open' | 'create'): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (purpose === 'open') {
    const options = { title: 'Open Workspace', filters, properties: ['openFile' as const] };
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const options = {
    title: 'New Workspace',
    buttonLabel: 'Create',
    defaultPath: join(app.getPath('documents'), 'Untitled.duckdb'),
    filters,
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : withWorkspaceExtension(result.filePath);
}

/** Runs a user action and shows its failure in an error box: menu actions have no other place to report. */
export async function reportFailure(title: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'internal') console.error(`[undertow] ${title}:`, err);
    dialog.showErrorBox(title, error.message);
  }
}
