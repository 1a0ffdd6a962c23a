/**
 * Browser mode: the renderer served by a local HTTP host speaking the same contract as Electron's IPC.
 * Security (product.md §10): binds 127.0.0.1 only; every API request needs the per-launch token;
 * the Host header must name this server (defeats DNS rebinding); a cross-origin Origin is refused;
 * no CORS headers are ever sent, so other sites' pages cannot read responses.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { TOKEN_HEADER, type EventName, type Events } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { dispatch, type Handlers } from '../app/handlers';
import { toAppError } from '../errors';
import { UPLOAD_PATH } from '../../shared/data';
import { DEFAULT_MAX_UPLOAD_BYTES, UploadTooLarge, receiveUpload } from './upload';

export interface HostOptions {
  handlers: Handlers;
  token: string;
  /** Built renderer (index.html + assets). */
  staticDir: string;
  contentSecurityPolicy: string;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** File uploads for the import wizard (`POST /api/upload`); without it the route answers `unsupported`. */
  uploads?: { dir: string; maxBytes?: number };
  log?: (err: unknown) => void;
}

export interface Host {
  server: Server;
  port: number;
  url: string;
  /** Push an event to every connected page. */
  broadcast<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const CALL_PREFIX = '/api/call/';
const SSE_KEEPALIVE_MS = 15_000;

export async function startHost(options: HostOptions, port = 0): Promise<Host> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const tokenBytes = Buffer.from(options.token, 'utf8');
  const streams = new Set<ServerResponse>();
  let boundPort = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${boundPort}`, `localhost:${boundPort}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${boundPort}`, `http://localhost:${boundPort}`]);

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  const sendResult = (res: ServerResponse, status: number, body: Result<unknown>) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, error: AppError) => sendResult(res, status, { ok: false, error });

  const hasToken = (req: IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const bytes = Buffer.from(given, 'utf8');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    securityHeaders(res);
    if (!allowedHosts().has(req.headers.host ?? '')) {
      refuse(res, 403, { code: 'unauthorized', message: 'Refused: this server only answers requests addressed to 127.0.0.1 or localhost.' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${boundPort}`);
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) {
        refuse(res, 403, { code: 'unauthorized', message: 'Refused: cross-origin request.' });
        return;
      }
      if (!hasToken(req)) {
        refuse(res, 401, { code: 'unauthorized', message: 'Missing or wrong access token: open the URL printed by `npm run serve`.' });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
      if (url.pathname.startsWith(CALL_PREFIX) && req.method === 'POST') return handleCall(req, res, decodeURIComponent(url.pathname.slice(CALL_PREFIX.length)));
      if (url.pathname === UPLOAD_PATH && req.method === 'POST') return handleUpload(req, res, url.searchParams.get('name') ?? '');
      refuse(res, req.method === 'POST' || req.method === 'GET' ? 404 : 405, { code: 'not_found', message: `No API route ${req.method} ${url.pathname}.` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    await serveStatic(url.pathname, req, res);
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      refuse(res, 415, { code: 'invalid_request', message: 'Requests must be application/json.' });
      return;
    }
    let body: unknown;
    try {
      const text = await readBody(req, maxBody);
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch (err) {
      refuse(res, 400, { code: 'invalid_request', message: `Unreadable request body: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const result = await dispatch(options.handlers, name, body, options.log);
    sendResult(res, 200, result);
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const uploads = options.uploads;
    if (!uploads) {
      refuse(res, 404, { code: 'unsupported', message: 'This host does not accept uploads.' });
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
      refuse(res, 415, { code: 'invalid_request', message: 'Uploads must be application/octet-stream.' });
      return;
    }
    try {
      sendResult(res, 200, { ok: true, value: await receiveUpload(req, uploads.dir, name, uploads.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES) });
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'internal') (options.log ?? console.error)(err);
      // Refused before the body was read (declared too large): close rather than read it all.
      if (!req.complete) res.setHeader('Connection', 'close');
      refuse(res, err instanceof UploadTooLarge ? 413 : 400, error);
      if (!req.complete) req.resume();
    }
  };

  const openEventStream = (res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  };

  const serveStatic = async (pathname: string, req: IncomingMessage, res: ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const root = resolve(options.staticDir);
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const isHtml = extname(file) === '.html';
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': isHtml ? 'no-store' : 'max-age=3600',
      ...(isHtml ? { 'Content-Security-Policy': options.contentSecurityPolicy } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      (options.log ?? console.error)(err);
      if (!res.headersSent) refuse(res, 500, { code: 'internal', message: 'The host failed to answer this request.' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;

  return {
    server,
    port: boundPort,
    url: `http://127.0.0.1:${boundPort}/#token=${encodeURIComponent(options.token)}`,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
