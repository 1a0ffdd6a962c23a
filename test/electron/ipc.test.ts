import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../analytics/app/handlers';
import { callNames } from '../../shared/channels';
import { appPage } from '../../electron/main/policy';

// The IPC adapter runs against a fake ipcMain (the real `electron` package would look for its binary).
const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, request: unknown) => unknown>() }));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, request: unknown) => unknown) => ipc.handlers.set(channel, handler) },
}));

const appUrl = 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html';
const page = appPage({ indexFile: '/opt/Undertow/resources/app.asar/out/renderer/index.html' });
const mainFrame = { processId: 4, routingId: 1 };

function frame(url: string, options: { parent?: unknown; routingId?: number; destroyed?: boolean } = {}) {
  return { url, parent: options.parent ?? null, processId: 4, routingId: options.routingId ?? 1, detached: false, isDestroyed: () => options.destroyed ?? false };
}
const event = (senderFrame: unknown) => ({ senderFrame, sender: { mainFrame } });

const openCalls: string[] = [];
const handlers = {
  'workspace:open': async ({ path }: { path: string }) => {
    openCalls.push(path);
    return { path };
  },
} as unknown as Handlers;

beforeAll(async () => {
  const { registerContract } = await import('../../electron/main/ipc');
  registerContract(handlers, page);
});

async function call(name: string, senderFrame: unknown, request: unknown): Promise<unknown> {
  const handler = ipc.handlers.get(name);
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event(senderFrame), request);
}

describe('registerContract', () => {
  it('registers exactly the contract calls', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...callNames].sort());
  });

  it('dispatches a valid request from the app window to the handler table', async () => {
    await expect(call('workspace:open', frame(appUrl), { path: '/data/acme.duckdb' })).resolves.toEqual({ ok: true, value: { path: '/data/acme.duckdb' } });
    expect(openCalls).toEqual(['/data/acme.duckdb']);
  });

  it('validates the request against the contract schema', async () => {
    const result = await call('workspace:open', frame(appUrl), { path: '/data/acme.duckdb', extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it.each([
    ['a foreign page', frame('https://example.com/')],
    ['another local file', frame('file:///tmp/evil.html')],
    ['an iframe inside the app page', frame(appUrl, { parent: {}, routingId: 7 })],
    ['a destroyed frame', frame(appUrl, { destroyed: true })],
    ['no frame at all', null],
  ])('refuses %s as unauthorized without running the handler', async (_label, senderFrame) => {
    openCalls.length = 0;
    const result = await call('workspace:open', senderFrame, { path: '/data/acme.duckdb' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(openCalls).toEqual([]);
  });
});
