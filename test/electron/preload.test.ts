import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, callNames } from '../../shared/channels';
import type { Api } from '../../shared/contract';
import type { FilePathBridge } from '../../shared/data';

// The preload runs against a fake `electron` (the real package would look for its binary).
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const channelListeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  return {
    exposed,
    channelListeners,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    webUtils: {
      getPathForFile: vi.fn((file: File) => {
        if (file.name === 'in-memory.csv') throw new Error('no path');
        return `/home/me/Downloads/${file.name}`;
      }),
    },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        channelListeners.set(channel, [...(channelListeners.get(channel) ?? []), listener]);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer, webUtils: electron.webUtils }));

let api: Api;
beforeAll(async () => {
  await import('../../electron/preload/index');
  api = electron.exposed.get('undertow') as Api;
});
beforeEach(() => electron.ipcRenderer.invoke.mockClear());

function push(message: unknown): void {
  const fakeIpcEvent = { sender: 'ipcRenderer', ports: [] };
  for (const listener of electron.channelListeners.get(EVENT_CHANNEL) ?? []) listener(fakeIpcEvent, message);
}

describe('preload', () => {
  it('exposes exactly one method per contract call plus `on` under window.undertow, and the file-path bridge', () => {
    expect([...electron.exposed.keys()]).toEqual(['undertow', 'undertowFiles']);
    expect(Object.keys(electron.exposed.get('undertowFiles') as object)).toEqual(['pathForFile']);
    expect(Object.keys(api).sort()).toEqual([...callNames, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('sends each call on its own channel with the request unchanged', async () => {
    const result = await api['workspace:open']({ path: '/data/acme.duckdb' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('workspace:open', { path: '/data/acme.duckdb' });
    expect(result).toEqual({ ok: true, value: { channel: 'workspace:open', request: { path: '/data/acme.duckdb' } } });
  });

  it('delivers only the payload of the subscribed event, and unsubscribes', () => {
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const stopChanged = api.on('workspace:changed', (payload) => changed.push(payload));
    api.on('job:progress', (payload) => progress.push(payload));

    push({ event: 'workspace:changed', payload: null });
    push({ event: 'job:progress', payload: { jobId: 'demo-1', fraction: 0.5 } });
    push('garbage');
    push({ event: 'workspace:changed' });
    expect(changed).toEqual([null]);
    expect(progress).toEqual([{ jobId: 'demo-1', fraction: 0.5 }]);

    stopChanged();
    push({ event: 'workspace:changed', payload: null });
    expect(changed).toEqual([null]);
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    expect(() => (api.on as (event: string, listener: () => void) => void)('ipc:anything', () => {})).toThrow(/Unknown event/);
  });

  it('answers the local path of a file the user dropped or picked, and nothing for anything else', () => {
    const files = electron.exposed.get('undertowFiles') as FilePathBridge;
    expect(files.pathForFile(new File(['x'], 'jira.csv'))).toBe('/home/me/Downloads/jira.csv');
    expect(files.pathForFile(new File(['x'], 'in-memory.csv'))).toBe('');
    expect(files.pathForFile({ name: '/etc/passwd' } as unknown as File)).toBe('');
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledTimes(2);
  });
});
