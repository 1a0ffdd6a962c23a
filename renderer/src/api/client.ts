/**
 * Picks the transport: the desktop preload's `window.undertow` when present, otherwise the
 * browser-mode HTTP client authenticated with the per-launch token.
 */
import type { Api } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { desktopFiles, uploadFiles, type FileTransport } from './files';
import { createHttpApi } from './http';
import { acquireToken, forgetToken } from './token';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    undertow?: Api;
  }
}

export type Connection =
  | { kind: 'desktop'; api: Api; files: FileTransport | null }
  | { kind: 'browser'; api: Api; files: FileTransport }
  | { kind: 'no-token' };

export interface ConnectHooks {
  onUnauthorized: (error: AppError) => void;
  onReconnect: () => void;
}

export function connect(win: Window, hooks: ConnectHooks): Connection {
  if (win.undertow) return { kind: 'desktop', api: win.undertow, files: win.undertowFiles ? desktopFiles(win.undertowFiles) : null };
  const token = acquireToken(win);
  if (!token) return { kind: 'no-token' };
  const api = createHttpApi({
    token,
    onUnauthorized: (error) => {
      forgetToken(win);
      hooks.onUnauthorized(error);
    },
    onReconnect: hooks.onReconnect,
  });
  // Uploads for the import wizard carry the same token; a rejected one ends the session the same way.
  const files = uploadFiles({
    token,
    onUnauthorized: (error) => {
      forgetToken(win);
      hooks.onUnauthorized(error);
    },
  });
  return { kind: 'browser', api, files };
}
