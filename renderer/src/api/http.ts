/**
 * Browser-mode transport: the contract over HTTP to the local host (`npm run serve`).
 * Calls:  POST /api/call/<name>  (JSON request body, token header)  →  JSON Result.
 * Events: GET  /api/events       (token header)  →  text/event-stream, read with fetch because
 *         EventSource cannot send headers; reconnects with backoff when the stream ends.
 */
import { callNames, eventNames, TOKEN_HEADER, type CallName, type EventName } from '../../../shared/channels';
import type { Api, Events } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/errors';
import { SseParser } from './sse';

export interface HttpApiOptions {
  token: string;
  /** Origin of the host; '' (same origin as the page) by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The host rejected the token (a newer launch, or a mistyped URL). */
  onUnauthorized?: (error: AppError) => void;
  /** The event stream came back after a drop: events may have been missed, so refresh state. */
  onReconnect?: () => void;
  /** Reconnect backoff in ms: starts at `initial`, doubles up to `max`. */
  backoff?: { initial: number; max: number };
  /** Test seam for the backoff timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Listener = (payload: unknown) => void;

export function createHttpApi(options: HttpApiOptions): Api {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { [TOKEN_HEADER]: options.token };

  async function invoke(name: CallName, request: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      return failure('internal', 'Cannot reach the Undertow host. Is `npm run serve` still running?');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const result = asResult(body) ?? failure(response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal', `The host answered ${name} with HTTP ${response.status} and no result.`);
    if (!result.ok && result.error.code === 'unauthorized') options.onUnauthorized?.(result.error);
    return result;
  }

  const events = new EventStream(`${base}/api/events`, headers, doFetch, options);
  const methods: Record<string, (request: unknown) => Promise<Result<unknown>>> = {};
  for (const name of callNames) methods[name] = (request) => invoke(name, request);

  // One method per contract entry, generated from the contract's name list (like the preload);
  // the response types are the contract's, which the host produces from the same handler table.
  return {
    ...(methods as unknown as Omit<Api, 'on'>),
    on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => events.subscribe(event, listener as Listener),
  };
}

function failure(code: AppError['code'], message: string): { ok: false; error: AppError } {
  return { ok: false, error: { code, message } };
}

/** The body as a Result when it has the contract's shape, else null. */
export function asResult(body: unknown): Result<unknown> | null {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return null;
  if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
  if (body.ok === false && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error && typeof error.message === 'string') {
      return { ok: false, error: error as AppError };
    }
  }
  return null;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** One shared event-stream connection, open while anyone listens. */
class EventStream {
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private controller: AbortController | null = null;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly doFetch: typeof fetch,
    private readonly options: HttpApiOptions,
  ) {}

  subscribe(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    if (!this.controller) {
      this.controller = new AbortController();
      void this.run(this.controller.signal);
    }
    return () => {
      set.delete(listener);
      if ([...this.listeners.values()].every((s) => s.size === 0)) {
        this.controller?.abort();
        this.controller = null;
      }
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { initial, max } = this.options.backoff ?? { initial: 500, max: 10_000 };
    const sleep = this.options.sleep ?? defaultSleep;
    let delay = initial;
    let connectedBefore = false;
    while (!signal.aborted) {
      try {
        const response = await this.doFetch(this.url, { headers: { ...this.headers, accept: 'text/event-stream' }, signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) {
          const body = asResult(await response.json().catch(() => null));
          this.options.onUnauthorized?.(body && !body.ok ? body.error : { code: 'unauthorized', message: 'The host rejected the access token.' });
          return;
        }
        if (response.ok && response.body) {
          if (connectedBefore) this.options.onReconnect?.();
          connectedBefore = true;
          delay = initial;
          await this.read(response.body, signal);
        }
      } catch {
        // network error or abort: fall through to the backoff
      }
      if (signal.aborted) return;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, max);
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const onAbort = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const message of parser.push(decoder.decode(value, { stream: true }))) this.deliver(message.event, message.data);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private deliver(event: string, data: string): void {
    if (!(eventNames as readonly string[]).includes(event)) return;
    const set = this.listeners.get(event as EventName);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // a malformed frame is dropped rather than delivered half-parsed
    }
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`[undertow] ${event} listener failed`, err);
      }
    }
  }
}
