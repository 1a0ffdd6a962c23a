/**
 * Picks the transport: the desktop preload's `window.undertow` when present, otherwise the
 * browser-mode HTTP client authenticated with the per-launch token.
 */
import type { Api } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { createHttpApi } from './http';
import { acquireToken, forgetToken } from './token';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    undertow?: Api;
  }
}

export type Connection =
  | { kind: 'desktop'; api: Api }
  | { kind: 'browser'; api: Api }
  | { kind: 'no-token' };

export interface ConnectHooks {
  onUnauthorized: (error: AppError) => void;
  onReconnect: () => void;
}

export function connect(win: Window, hooks: ConnectHooks): Connection {
  if (win.undertow) return { kind: 'desktop', api: win.undertow };
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
  return { kind: 'browser', api };
}
