import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Handlers } from '../../analytics/app/handlers';
import { callNames } from '../../shared/channels';
import type { Result } from '../../shared/errors';
import { isTrustedSender, type AppPage, type SenderFrame } from './policy';

/**
 * The IPC adapter: one `ipcMain.handle` per contract call. Each request is checked for its sender
 * (the app page's main frame) and then handed to the shared `dispatch`, which validates it against
 * the call's schema and turns every failure into an error value.
 */
export function registerContract(handlers: Handlers, page: AppPage): void {
  for (const name of callNames) {
    ipcMain.handle(name, (event, request: unknown): Promise<Result<unknown>> | Result<unknown> => {
      if (!isTrustedSender(page, senderFrame(event))) {
        return { ok: false, error: { code: 'unauthorized', message: `Refused ${name}: the request did not come from the Undertow window.` } };
      }
      return dispatch(handlers, name, request);
    });
  }
}

function senderFrame(event: IpcMainInvokeEvent): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return null;
  const main = event.sender.mainFrame;
  return { url: frame.url, isMainFrame: frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId };
}
