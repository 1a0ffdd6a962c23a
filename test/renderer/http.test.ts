import { describe, expect, it, vi } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract';
import { asResult, createHttpApi } from '../../renderer/src/api/http';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A response whose body streams the given chunks, then ends. */
function stream(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('HTTP calls', () => {
  it('POSTs the request as JSON to /api/call/<encoded name> with the token header', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => json({ ok: true, value: { path: '/w.duckdb' } }));
    const api = createHttpApi({ token: 't0k', fetch: fetch as unknown as typeof globalThis.fetch });
    const result = await api['workspace:open']({ path: '/w.duckdb' });
    expect(result).toEqual({ ok: true, value: { path: '/w.duckdb' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/call/workspace%3Aopen');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)[TOKEN_HEADER]).toBe('t0k');
    expect(JSON.parse(String(init?.body))).toEqual({ path: '/w.duckdb' });
  });

  it('passes error results through and reports a rejected token', async () => {
    const onUnauthorized = vi.fn();
    const error = { code: 'unauthorized', message: 'Missing or wrong access token' };
    const api = createHttpApi({ token: 'bad', fetch: (async () => json({ ok: false, error }, 401)) as typeof globalThis.fetch, onUnauthorized });
    expect(await api['app:state']({})).toEqual({ ok: false, error });
    expect(onUnauthorized).toHaveBeenCalledWith(error);
  });

  it('turns an unreachable host into an error value, not an exception', async () => {
    const api = createHttpApi({ token: 't', fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch });
    const result = await api['app:state']({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/Cannot reach the Undertow host/);
  });

  it('reports a body that is not a Result', async () => {
    const api = createHttpApi({ token: 't', fetch: (async () => new Response('<html>', { status: 502 })) as typeof globalThis.fetch });
    const result = await api['teams:list']({});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('HTTP 502') } });
  });

  it('recognises the Result shape', () => {
    expect(asResult({ ok: true, value: null })).toEqual({ ok: true, value: null });
    expect(asResult({ ok: false, error: { code: 'internal', message: 'x' } })).toEqual({ ok: false, error: { code: 'internal', message: 'x' } });
    expect(asResult({ ok: false })).toBeNull();
    expect(asResult('nope')).toBeNull();
  });
});

describe('event stream', () => {
  it('reads server-sent events with the token header and delivers typed payloads', async () => {
    const seen: unknown[] = [];
    let calls = 0;
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      calls++;
      if (calls === 1) {
        return stream([': connected\n\n', 'event: job:progress\ndata: {"jobId":"j1","fraction":0.5', '}\n\nevent: other\ndata: {}\n\n']);
      }
      // Keep the second connection open until the test unsubscribes.
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const onReconnect = vi.fn();
    const api = createHttpApi({ token: 't0k', fetch: fetch as unknown as typeof globalThis.fetch, onReconnect, sleep: () => new Promise((r) => setTimeout(r, 0)) });
    const off = api.on('job:progress', (p) => seen.push(p));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(seen).toEqual([{ jobId: 'j1', fraction: 0.5 }]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/events');
    expect((init?.headers as Record<string, string>)[TOKEN_HEADER]).toBe('t0k');
    off();
  });

  it('reconnects with growing backoff after the stream ends, and says so', async () => {
    const delays: number[] = [];
    let calls = 0;
    const fetch = vi.fn(async () => {
      calls++;
      if (calls === 2) throw new TypeError('connection refused');
      return stream(['event: workspace:changed\ndata: null\n\n']);
    });
    const onReconnect = vi.fn();
    const payloads: unknown[] = [];
    const api = createHttpApi({
      token: 't',
      fetch: fetch as unknown as typeof globalThis.fetch,
      onReconnect,
      backoff: { initial: 100, max: 250 },
      // Yield a macrotask per retry, as a real timer would, so the test's own timers can run.
      sleep: (ms) => {
        delays.push(ms);
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    const off = api.on('workspace:changed', (p) => payloads.push(p));
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(4));
    off();
    // ended → 100ms; refused → 200ms; third connection succeeds, so the delay resets.
    expect(delays.slice(0, 3)).toEqual([100, 200, 100]);
    expect(onReconnect).toHaveBeenCalled();
    expect(payloads[0]).toBeNull();
  });

  it('stops and reports when the host rejects the token', async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn(async () => json({ ok: false, error: { code: 'unauthorized', message: 'nope' } }, 401));
    const api = createHttpApi({ token: 'bad', fetch: fetch as unknown as typeof globalThis.fetch, onUnauthorized, sleep: () => new Promise((r) => setTimeout(r, 0)) });
    api.on('job:progress', () => undefined);
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledWith({ code: 'unauthorized', message: 'nope' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
