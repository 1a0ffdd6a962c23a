import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch } from '../../../analytics/app/handlers';
import { Session } from '../../../analytics/app/session';
import { environmentTokenStore, memoryTokenStore } from '../../../analytics/github/token';
import type { CallName } from '../../../shared/contract';
import type { GitHubSyncReport } from '../../../shared/domain';
import { tempDir } from '../helpers/temp';
import { acme, fakeClock } from './fixture';
import { MockGitHub, respond, TOKEN } from './mock-github';

const TODAY = Date.parse('2025-06-10T12:00:00Z');
const WRONG = 'github_pat_11WrongTokenAlsoSecret_abcdefghijklmnopqrstuvwxyz';

/** Every file under `dir` (the workspace, its WAL, the state dir, page files left behind). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('GitHub sync through the contract: the token stays secret', () => {
  let dir: ReturnType<typeof tempDir>;
  let mock: MockGitHub;
  let session: Session;
  let call: (name: CallName, request?: unknown) => ReturnType<typeof dispatch>;
  const events: unknown[] = [];
  const logged: string[] = [];
  const console_: string[] = [];
  const clock = fakeClock(TODAY);

  beforeEach(async () => {
    dir = tempDir();
    mkdirSync(dir.file('tmp'));
    events.length = logged.length = console_.length = 0;
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void console_.push(args.map((a) => inspect(a, { depth: 10 })).join(' ')));
    }
    mock = await MockGitHub.start(acme(TODAY), { now: clock.now });
    session = new Session({
      mode: 'browser',
      version: '0.0.0-test',
      stateDir: dir.file('state'),
      emit: (event, payload) => events.push({ event, payload }),
      github: { tokens: memoryTokenStore(), hooks: { now: clock.now, sleep: clock.sleep }, tempDir: dir.file('tmp') },
    });
    const handlers = createHandlers(session);
    call = (name, request = {}) => dispatch(handlers, name, request, (err) => void logged.push(inspect(err, { depth: 10 })));
  });
  afterEach(async () => {
    await session.close();
    await mock.close();
    vi.restoreAllMocks();
    dir.cleanup();
  });

  it('set, status, sync with failures, wrong token: never in answers, events, logs, the workspace file or its WAL', async () => {
    expect(await call('github:tokenStatus')).toEqual({ ok: true, value: { configured: false, storage: 'memory', persistent: false, note: expect.any(String) } });
    const bad = await call('github:setToken', { token: `${TOKEN} trailing` });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.stringify(bad)).not.toContain(TOKEN);
    expect(await call('github:setToken', { token: TOKEN })).toMatchObject({ ok: true, value: { configured: true, storage: 'memory' } });

    // No network until a sync (or the repo list) is asked for.
    const path = dir.file('w.duckdb');
    expect(await call('workspace:create', { path })).toMatchObject({ ok: true });
    expect(await call('github:status')).toEqual({ ok: true, value: { running: false, streams: [] } });
    expect(await call('github:cancelSync')).toEqual({ ok: true, value: { cancelled: false } });
    expect(mock.seen).toEqual([]);

    // A sync that meets a 502, a missing repo and a forbidden stream.
    mock.fail((r) => r.path.startsWith('/repos/acme/api/pulls?'), 1, respond.status(502));
    mock.fail((r) => r.path.startsWith('/repos/acme/api/deployments?'), Infinity, respond.status(403, { message: 'Resource not accessible by personal access token' }));
    const synced = await call('github:sync', { org: 'acme', repos: ['api', 'ghost'], baseUrl: mock.api });
    expect(synced.ok).toBe(true);
    const report = (synced as { value: GitHubSyncReport }).value;
    expect(report.repos.map((r) => r.repo)).toEqual(['acme/api', 'acme/ghost']);
    expect(mock.seen.every((r) => r.pathname.startsWith('/downloads/') || r.authorization === `token ${TOKEN}`)).toBe(true);
    const status = await call('github:status');
    expect(status).toMatchObject({ ok: true, value: { running: false } });
    const streams = (status as { value: { streams: { scope: string; stream: string; lastSyncedAt: string | null; resumable: boolean; lastError: string | null }[] } }).value.streams;
    expect(streams.find((s) => s.scope === 'acme/api' && s.stream === 'pulls')).toMatchObject({ resumable: false, lastError: null, lastSyncedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(streams.find((s) => s.scope === 'acme/api' && s.stream === 'deployments')!.lastError).toMatch(/403/);
    // Progress went out as job:progress events of kind 'sync' with details, ending with done.
    const progress = events.filter((e) => (e as { event: string }).event === 'job:progress').map((e) => (e as { payload: { kind: string; done: boolean; sync?: unknown } }).payload);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p) => p.kind === 'sync')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: true });

    // The workspace on disk, while open (WAL) and after closing: no trace of the token.
    const wal = `${path}.wal`;
    const before = [path, ...(existsSync(wal) ? [wal] : [])];
    for (const file of before) expect(readFileSync(file).includes(Buffer.from(TOKEN))).toBe(false);

    // A wrong token: the repo list and the sync are refused with 401, and that token does not leak either.
    expect(await call('github:setToken', { token: WRONG })).toMatchObject({ ok: true });
    const list = await call('github:listRepos', { org: 'acme', baseUrl: mock.api });
    expect(list).toMatchObject({ ok: false, error: { code: 'remote', message: expect.stringMatching(/refused the token \(401\)/) } });
    const refused = await call('github:sync', { org: 'acme', baseUrl: mock.api });
    expect(refused).toMatchObject({ ok: true, value: { error: { kind: 'unauthorized' } } });
    expect(await call('github:clearToken')).toMatchObject({ ok: true, value: { configured: false } });
    expect(await call('github:sync', { org: 'acme', baseUrl: mock.api })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/No GitHub token/) } });

    await call('workspace:close');
    const everything = [JSON.stringify(events), JSON.stringify(report), JSON.stringify(list), JSON.stringify(refused), ...logged, ...console_].join('\n');
    for (const secret of [TOKEN, WRONG]) {
      expect(everything).not.toContain(secret);
      for (const file of filesUnder(dir.path)) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    }
    expect(readdirSync(dir.file('tmp'))).toEqual([]); // page files are deleted once imported
  });

  it('one sync at a time; cancel stops the running one', async () => {
    await call('github:setToken', { token: TOKEN });
    await call('workspace:create', { path: dir.file('w.duckdb') });
    const running = call('github:sync', { org: 'acme', baseUrl: mock.api });
    expect(await call('github:sync', { org: 'acme', baseUrl: mock.api })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('github:cancelSync')).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: true, value: { error: { kind: 'cancelled' } } });
  });

  it('the CLI store reads GITHUB_TOKEN and refuses to store one', async () => {
    const env: NodeJS.ProcessEnv = {};
    const store = environmentTokenStore(env);
    expect(await store.get()).toBeNull();
    env.GITHUB_TOKEN = ` ${TOKEN}\n`;
    expect(await store.get()).toBe(TOKEN);
    expect(await store.status()).toEqual({ configured: true, storage: 'environment', persistent: false, note: expect.stringMatching(/GITHUB_TOKEN/) });
    await expect(store.set('x')).rejects.toThrow(/GITHUB_TOKEN/);
  });
});
