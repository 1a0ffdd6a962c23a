import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract';
import { createHandlers } from '../../analytics/app/handlers';
import { Session } from '../../analytics/app/session';
import { startHost, type Host } from '../../analytics/host/server';
import { prepareUploadRoot, removeUploadRoot, sanitizeFileName } from '../../analytics/host/upload';
import { tempDir } from './helpers/temp';

const TOKEN = 'upload-test-token-0123456789';
const MAX = 64 * 1024;

interface Reply {
  status: number;
  body: string;
}

function send(host: Host, path: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path,
        headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/octet-stream', [TOKEN_HEADER]: TOKEN, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const upload = (host: Host, name: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  send(host, `/api/upload?name=${encodeURIComponent(name)}`, body, headers);

/** Every file below a directory, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('browser-mode host: file uploads for the import wizard', () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Host;
  let session: Session;
  let uploads: string;

  beforeEach(async () => {
    dir = tempDir();
    const web = join(dir.path, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html>');
    const stateDir = join(dir.path, 'state');
    uploads = await prepareUploadRoot(stateDir);
    session = new Session({ mode: 'browser', version: '0.0.0-test', stateDir, emit: () => undefined });
    host = await startHost({
      handlers: createHandlers(session),
      token: TOKEN,
      staticDir: web,
      contentSecurityPolicy: "default-src 'self'",
      uploads: { dir: uploads, maxBytes: MAX },
      log: () => undefined,
    });
  });

  afterEach(async () => {
    await host.close();
    await session.close();
    dir.cleanup();
  });

  it('streams a file into this launch’s upload directory and answers its path, which the preview then reads', async () => {
    const csv = 'type,key,team,seniority\nperson,ana,Payments,senior\n';
    const reply = await upload(host, 'org map.csv', csv);
    expect(reply.status).toBe(200);
    const { ok, value } = JSON.parse(reply.body) as { ok: boolean; value: { path: string; name: string; size: number } };
    expect(ok).toBe(true);
    expect(value.name).toBe('org map.csv');
    expect(value.size).toBe(Buffer.byteLength(csv));
    expect(dirname(dirname(value.path))).toBe(uploads);
    expect(readFileSync(value.path, 'utf8')).toBe(csv);

    const preview = await send(host, '/api/call/import%3Apreview', JSON.stringify({ paths: [value.path] }), { 'content-type': 'application/json' });
    expect(JSON.parse(preview.body).value.files[0]).toMatchObject({ name: 'org map.csv', format: 'org-map-csv' });
  });

  it('keeps two files of the same name apart', async () => {
    const a = JSON.parse((await upload(host, 'export.json', '[1]')).body).value.path as string;
    const b = JSON.parse((await upload(host, 'export.json', '[2]')).body).value.path as string;
    expect(a).not.toBe(b);
    expect(readFileSync(a, 'utf8')).toBe('[1]');
    expect(readFileSync(b, 'utf8')).toBe('[2]');
  });

  it('requires the per-launch token, this host’s Host header, no foreign Origin and octet-stream', async () => {
    expect((await upload(host, 'a.csv', 'x', { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    expect((await upload(host, 'a.csv', 'x', { host: 'evil.example:80' })).status).toBe(403);
    expect((await upload(host, 'a.csv', 'x', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await upload(host, 'a.csv', 'x', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect(filesUnder(uploads)).toEqual([]);
  });

  it('refuses a file above the size limit, declared or streamed, and keeps nothing of it', async () => {
    const big = Buffer.alloc(MAX + 1, 97);
    const declared = await upload(host, 'big.csv', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/larger than/);

    // Chunked (no Content-Length): counted while streaming.
    const streamed = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/upload?name=big.csv',
          headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/octet-stream', [TOKEN_HEADER]: TOKEN, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 3; i++) req.write(Buffer.alloc(MAX / 2, 98));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(filesUnder(uploads)).toEqual([]);
    // A file at the limit is fine.
    expect((await upload(host, 'ok.csv', Buffer.alloc(MAX, 99))).status).toBe(200);
  });

  it('reduces any name to a safe base name inside the upload directory (no traversal)', async () => {
    for (const name of ['../../../escape.csv', '..\\..\\escape.csv', '/etc/passwd', '..', '.hidden', 'a\u0000b.csv', 'CON.csv']) {
      const reply = await upload(host, name, 'x');
      expect(reply.status).toBe(200);
      const path = JSON.parse(reply.body).value.path as string;
      expect(relative(uploads, path).startsWith('..')).toBe(false);
    }
    expect(existsSync(join(dir.path, 'escape.csv'))).toBe(false);
    expect(existsSync(join(dir.path, 'state', 'escape.csv'))).toBe(false);
    expect(filesUnder(uploads).map((f) => f.split(/[\\/]/).pop()).sort()).toEqual(['_CON.csv', 'a_b.csv', 'escape.csv', 'escape.csv', 'hidden', 'passwd', 'upload'].sort());
  });

  it('answers unsupported when the host was started without an upload directory', async () => {
    const bare = await startHost({ handlers: createHandlers(session), token: TOKEN, staticDir: join(dir.path, 'web'), contentSecurityPolicy: "default-src 'self'", log: () => undefined });
    try {
      const reply = await upload(bare, 'a.csv', 'x');
      expect(reply.status).toBe(404);
      expect(JSON.parse(reply.body).error.code).toBe('unsupported');
    } finally {
      await bare.close();
    }
  });
});

describe('upload names and directories', () => {
  it('sanitises names a browser may send', () => {
    expect(sanitizeFileName('Jira export (1).csv')).toBe('Jira export (1).csv');
    expect(sanitizeFileName('C:\\Users\\me\\Downloads\\incidents.csv')).toBe('incidents.csv');
    expect(sanitizeFileName('../..')).toBe('upload');
    expect(sanitizeFileName('Übersicht – März.csv')).toBe('Übersicht _ März.csv');
    expect(sanitizeFileName('nul')).toBe('_nul');
    const long = sanitizeFileName(`${'x'.repeat(300)}.ndjson`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('.ndjson')).toBe(true);
  });

  it('creates one directory per launch and clears those of launches older than a day', async () => {
    const dir = tempDir();
    try {
      const old = await prepareUploadRoot(dir.path);
      writeFileSync(join(old, 'left-behind.csv'), 'x');
      const dayAgo = (Date.now() - 25 * 3600 * 1000) / 1000;
      utimesSync(old, dayAgo, dayAgo);
      const recent = await prepareUploadRoot(dir.path);
      const current = await prepareUploadRoot(dir.path);
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
      await removeUploadRoot(current);
      expect(existsSync(current)).toBe(false);
    } finally {
      dir.cleanup();
    }
  });
});
