import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract';
import { createHandlers } from '../../analytics/app/handlers';
import { Session } from '../../analytics/app/session';
import { startHost, type Host } from '../../analytics/host/server';
import { tempDir } from './helpers/temp';

const TOKEN = 'test-token-0123456789';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(host: Host, method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (host: Host, name: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }) =>
  send(host, 'POST', `/api/call/${encodeURIComponent(name)}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser-mode host', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Host;
  let session: Session;

  beforeEach(async () => {
    dir = tempDir();
    const web = join(dir.path, 'web') + '/';
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Undertow</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'not for the browser');
    session = new Session({ mode: 'browser', version: '0.0.0-test', stateDir: join(dir.path, 'state'), emit: (e, p) => host.broadcast(e, p) });
    host = await startHost({ handlers: createHandlers(session), token: TOKEN, staticDir: web, contentSecurityPolicy: "default-src 'self'", log: () => undefined });
  });

  afterEach(async () => {
    await host.close();
    await session.close();
    dir.cleanup();
  });

  it('listens on 127.0.0.1 only and prints a URL carrying the token in the fragment', () => {
    expect((host.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
  });

  it('serves the renderer with a CSP header and no CORS headers', async () => {
    const res = await send(host, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await send(host, 'GET', '/assets/app.js')).status).toBe(200);
  });

  it('answers a valid call with the token', async () => {
    const res = await call(host, 'app:state', {});
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ ok: true, value: { mode: 'browser', workspace: null, nativeDialogs: false } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await call(host, 'app:state', {}, {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call(host, 'app:state', {}, { [TOKEN_HEADER]: 'test-token-0123456780' });
    expect(wrong.status).toBe(401);
    const events = await send(host, 'GET', '/api/events');
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const res = await send(host, 'POST', '/api/call/app%3Astate', {
      headers: { host: `evil.example:${host.port}`, [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect((await send(host, 'GET', '/', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a cross-origin request, even with the token', async () => {
    const res = await call(host, 'app:state', {}, { [TOKEN_HEADER]: TOKEN, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const same = await call(host, 'app:state', {}, { [TOKEN_HEADER]: TOKEN, origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
  });

  it('validates requests against the contract schema', async () => {
    const bad = JSON.parse((await call(host, 'workspace:open', { path: 42 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(bad.error.message).toMatch(/path/);
    const extra = JSON.parse((await call(host, 'app:state', { sneaky: true })).body);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = JSON.parse((await call(host, 'fs:readFile', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/Unknown call/) } });
    const garbage = await send(host, 'POST', '/api/call/app%3Astate', { headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' }, body: '{not json' });
    expect(garbage.status).toBe(400);
  });

  it('does not serve files outside the renderer directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await send(host, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('not for the browser');
    }
  });

  it('returns engine errors as values with a code and a message', async () => {
    const res = JSON.parse((await call(host, 'workspace:info', {})).body);
    expect(res).toMatchObject({ ok: false, error: { code: 'no_workspace', message: expect.stringMatching(/No workspace is open/) } });
    const browse = JSON.parse((await call(host, 'dialog:pickWorkspace', { purpose: 'open' })).body);
    expect(browse).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('pushes events to connected pages as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { host: `127.0.0.1:${host.port}`, [TOKEN_HEADER]: TOKEN } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('event: workspace:changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 50));
    const created = JSON.parse((await call(host, 'workspace:create', { path: join(dir.path, 'fresh.duckdb') })).body);
    expect(created).toMatchObject({ ok: true, value: { name: 'fresh', kind: 'user' } });
    const text = await received;
    const data = text.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ name: 'fresh' });
  });
});
