/**
 * The sandboxed preload: exposes `window.undertow`, one method per contract call plus `on` for
 * events, and `window.undertowFiles`, the local path of a file the user dropped or picked (for the
 * import wizard) — nothing else (never ipcRenderer, never a generic send/invoke). It imports the call
 * names from shared/channels.ts, not contract.ts, so the schemas (zod) stay out of this bundle;
 * main validates every request anyway.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, callNames, eventNames, type CallName, type EventName } from '../../shared/channels';
import type { Api } from '../../shared/contract';
import type { FilePathBridge } from '../../shared/data';

type Calls = Pick<Api, CallName>;

function contractCalls(): Calls {
  const entries = callNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(name, request)] as const);
  // One entry per name in callNames, which the compiler ties to the contract's keys.
  return Object.fromEntries(entries) as Calls;
}

/** One IPC listener for all subscriptions; listeners get the payload only, never the IPC event. */
function eventSubscriptions(): Pick<Api, 'on'> {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
    if (typeof message !== 'object' || message === null || !('event' in message) || !('payload' in message)) return;
    for (const listener of listeners.get(message.event as EventName) ?? []) listener(message.payload);
  });
  return {
    on(event, listener) {
      if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}".`);
      const wrapped = (payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
      const set = listeners.get(event) ?? new Set();
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

/**
 * Paths of dropped or picked files (Electron ≥ 32 no longer puts `File.path` on them). Only a File
 * the page holds, i.e. one the user chose, has a path; anything else answers ''. The path then goes
 * through `import:preview`/`import:files`, which main validates like every request.
 */
function filePaths(): FilePathBridge {
  return {
    pathForFile(file) {
      if (!(file instanceof File)) return '';
      try {
        return webUtils.getPathForFile(file);
      } catch {
        return '';
      }
    },
  };
}

const api: Api = { ...contractCalls(), ...eventSubscriptions() };

contextBridge.exposeInMainWorld('undertow', api);
contextBridge.exposeInMainWorld('undertowFiles', filePaths());
