/** The Data and Settings views' slices, against a fake contract client (no DOM, no engine). */
import { describe, expect, it, vi } from 'vitest';
import type { Api, CallName, CallRequest, CallResponse, EventName, Events } from '../../shared/contract';
import type { ImportFilePreview, OrgMap, WorkspaceSettings } from '../../shared/data';
import type { AppState, GitHubSyncReport, ImportReport, WorkspaceSummary } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { FileTransport } from '../../renderer/src/api/files';
import { createAppStore } from '../../renderer/src/store';
import { lastConnection } from '../../renderer/src/store/github-slice';
import { fileBlockers, perFileOptions, type WizardFile } from '../../renderer/src/store/import-slice';

const acme: WorkspaceSummary = { path: '/w/acme.duckdb', name: 'acme', kind: 'user', schemaVersion: 3, from: null, to: null };
type Handlers = { [K in CallName]?: (request: CallRequest<K>) => Promise<Result<CallResponse<K>>> };
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const fail = (message: string): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code: 'invalid_request', message } });

function fakeApi(handlers: Handlers) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const requests: Array<{ name: string; request: unknown }> = [];
  const api = new Proxy({} as Api, {
    get(_target, prop: string) {
      if (prop === 'on') {
        return (event: EventName, listener: (payload: unknown) => void) => {
          const set = listeners.get(event) ?? new Set();
          listeners.set(event, set.add(listener));
          return () => set.delete(listener);
        };
      }
      return (request: unknown) => {
        requests.push({ name: prop, request });
        const handler = handlers[prop as CallName] as ((r: unknown) => Promise<Result<unknown>>) | undefined;
        return handler ? handler(request) : Promise.resolve({ ok: false, error: { code: 'internal', message: `no handler for ${prop}` } });
      };
    },
  });
  const emit = <E extends EventName>(event: E, payload: Events[E]) => listeners.get(event)?.forEach((l) => l(payload));
  const listening = (event: EventName) => listeners.get(event)?.size ?? 0;
  return { api, requests, emit, listening };
}

const appState = (): AppState => ({ mode: 'browser', version: '0.1.0', workspace: acme, recent: [], nativeDialogs: false });

async function storeWith(handlers: Handlers, files: FileTransport | null = uploads()) {
  const fake = fakeApi({ 'app:state': () => ok(appState()), ...handlers });
  const store = createAppStore({ api: fake.api, files, noticeMs: 10 });
  await store.getState().start();
  return { store, ...fake };
}

/** A transport that "uploads" each file to /up/<name>. */
function uploads(failFor: string[] = []): FileTransport {
  return {
    kind: 'upload',
    resolve: (file) => (failFor.includes(file.name) ? fail(`Could not send ${file.name}`) : ok({ path: `/up/${file.name}`, name: file.name, size: file.size })),
  };
}

function preview(path: string, extra: Partial<ImportFilePreview> = {}): ImportFilePreview {
  return {
    path,
    name: path.split('/').pop()!,
    size: 10,
    format: 'github-gh-pr-json',
    formatLabel: 'GitHub pull requests',
    source: 'github',
    shape: 'json',
    columns: ['number'],
    rows: [['1']],
    truncated: false,
    timeZone: { needed: false, reason: 'zoned', examples: [] },
    mapping: null,
    ...extra,
  };
}

const ticketsPreview = (path: string) =>
  preview(path, {
    format: 'generic-tickets-csv',
    timeZone: { needed: true, reason: 'no zone', examples: ['2026-02-01 10:00'] },
    mapping: {
      entity: 'ticket',
      fields: [
        { field: 'ticket_id', required: true },
        { field: 'created_at', required: true },
        { field: 'subject', required: false },
      ],
      proposed: { ticket_id: 'Ref' },
      unresolved: ['created_at'],
      columns: ['Ref', 'Logged', 'Headline'],
    },
  });

const previewHandler: Handlers['import:preview'] = ({ paths }) => {
  const path = paths[0]!;
  if (path.endsWith('.txt')) return ok({ files: [preview(path, { format: null, formatLabel: null, error: 'notes.txt matches no export format' })], defaultTimeZone: 'Europe/Berlin' });
  if (path.endsWith('tickets.csv')) return ok({ files: [ticketsPreview(path)], defaultTimeZone: 'Europe/Berlin' });
  return ok({ files: [preview(path)], defaultTimeZone: 'Europe/Berlin' });
};

const file = (name: string) => new File(['x'.repeat(10)], name);

describe('import wizard', () => {
  it('uploads and previews each file, and holds back what needs a choice or cannot be imported', async () => {
    const { store } = await storeWith({ 'import:preview': previewHandler }, uploads(['broken.json']));
    await store.getState().addImportFiles([file('prs.json'), file('tickets.csv'), file('notes.txt'), file('broken.json')]);
    const files = store.getState().importWizard.files;
    expect(files.map((f) => [f.name, f.status, f.path])).toEqual([
      ['prs.json', 'ready', '/up/prs.json'],
      ['tickets.csv', 'ready', '/up/tickets.csv'],
      ['notes.txt', 'error', '/up/notes.txt'],
      ['broken.json', 'error', null],
    ]);
    expect(files[2]!.error).toMatch(/no export format/);
    expect(files[3]!.error).toBe('Could not send broken.json');
    // Zone-less times get the default zone; the mapping starts from the proposal.
    expect(files[1]).toMatchObject({ timeZone: 'Europe/Berlin', mapping: { ticket_id: 'Ref' } });
    expect(fileBlockers(files[1]!)).toEqual(['Choose the file’s column for “Created” (required).']);
    expect(fileBlockers(files[0]!)).toEqual([]);
  });

  it('imports the ready files with their zone and mapping, shows progress per file, then the report', async () => {
    let finish!: (report: ImportReport) => void;
    const { store, requests, emit, listening } = await storeWith({
      'import:preview': previewHandler,
      'import:files': () => new Promise((resolve) => (finish = (report) => resolve({ ok: true, value: report }))),
    });
    await store.getState().addImportFiles([file('prs.json'), file('tickets.csv'), file('notes.txt')]);
    const tickets = store.getState().importWizard.files[1]!;
    store.getState().setImportMapping(tickets.id, 'created_at', 'Logged');
    store.getState().setImportMapping(tickets.id, 'subject', 'Headline');
    store.getState().setImportTimeZone(tickets.id, 'America/New_York');

    const running = store.getState().startImport();
    await vi.waitFor(() => expect(requests.some((r) => r.name === 'import:files')).toBe(true));
    expect(requests.find((r) => r.name === 'import:files')!.request).toEqual({
      paths: ['/up/prs.json', '/up/tickets.csv'],
      perFile: { '/up/tickets.csv': { timeZone: 'America/New_York', columnMapping: { ticket_id: 'Ref', created_at: 'Logged', subject: 'Headline' } } },
    });
    emit('job:progress', { jobId: 'import-1', kind: 'import', label: 'Loading', fraction: 0.75, done: false, file: { path: '/up/tickets.csv', index: 1, count: 2, fraction: 0.5, label: 'Loading' } });
    emit('job:progress', { jobId: 'sync-1', kind: 'sync', label: 'other', fraction: 0.1, done: false });
    expect(store.getState().importWizard.run?.progress['/up/tickets.csv']).toEqual({ fraction: 0.5, label: 'Loading' });
    expect(store.getState().importWizard.run?.progress['/up/prs.json']).toEqual({ fraction: 0, label: 'Waiting' });

    const report: ImportReport = {
      timeZone: 'Europe/Berlin',
      files: [
        { path: '/up/prs.json', format: 'github-gh-pr-json', formatLabel: 'GitHub', inserted: 4, updated: 0, unchanged: 0, duplicates: 0, rejected: 1, rejects: [{ line: 3, field: 'number', reason: 'number is missing' }], tables: [], importId: 7 },
        { path: '/up/tickets.csv', format: 'generic-tickets-csv', formatLabel: 'Tickets', inserted: 2, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, rejects: [], tables: [], importId: 8 },
      ],
    };
    finish(report);
    const result = await running;
    expect(result?.ok).toBe(true);
    const wizard = store.getState().importWizard;
    expect(wizard.run).toBeNull();
    expect(wizard.report?.report).toEqual(report);
    expect(wizard.report?.names).toEqual({ '/up/prs.json': 'prs.json', '/up/tickets.csv': 'tickets.csv' });
    // Imported files leave the list; the one that could not be imported stays with its reason.
    expect(wizard.files.map((f) => f.name)).toEqual(['notes.txt']);
    expect(listening('job:progress')).toBe(1); // the app's own subscription only
    expect(store.getState().notices.at(-1)?.message).toBe('Imported 2 files.');
  });

  it('does nothing without importable files, and reports a failed call without losing the list', async () => {
    const { store, requests } = await storeWith({ 'import:preview': previewHandler, 'import:files': () => fail('No workspace is open.') });
    expect(await store.getState().startImport()).toBeNull();
    await store.getState().addImportFiles([file('prs.json')]);
    const result = await store.getState().startImport();
    expect(result?.ok).toBe(false);
    expect(store.getState().importWizard.error?.message).toBe('No workspace is open.');
    expect(store.getState().importWizard.files).toHaveLength(1);
    expect(requests.filter((r) => r.name === 'import:files')).toHaveLength(1);
  });

  it('without a way to read files, says what to do instead', async () => {
    const { store } = await storeWith({}, null);
    expect(store.getState().importTransport).toBeNull();
    await store.getState().addImportFiles([file('prs.json')]);
    expect(store.getState().importWizard.files[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/npm run cli -- import/) });
  });

  it('refuses one column for two fields', () => {
    const f: WizardFile = { id: 1, name: 't.csv', size: 1, status: 'ready', path: '/t.csv', preview: ticketsPreview('/t.csv'), error: null, timeZone: 'UTC', mapping: { ticket_id: 'Ref', created_at: 'Ref', subject: '' } };
    expect(fileBlockers(f)).toEqual(['Column "Ref" is mapped to two fields.']);
    expect(perFileOptions([f])).toEqual({ '/t.csv': { timeZone: 'UTC', columnMapping: { ticket_id: 'Ref', created_at: 'Ref' } } });
  });
});

describe('org map, rules and settings', () => {
  const map: OrgMap = { entries: [{ type: 'person', key: 'cy', teamId: 'platform', teamName: 'Platform', seniority: 'staff' }], teams: [{ teamId: 'platform', name: 'Platform', counts: { person: 1, repo: 0, service: 0, jira_project: 0, jira_component: 0 } }] };
  const noUnknowns = { items: [], totals: { person: 0, repo: 0, service: 0, jira_project: 0, jira_component: 0 } };

  it('an org edit shows the returned map at once and reloads the unknowns', async () => {
    let unknownCalls = 0;
    const { store, requests } = await storeWith({
      'org:list': () => ok({ entries: [], teams: [] }),
      'org:unknowns': () => {
        unknownCalls++;
        return ok(noUnknowns);
      },
      'org:upsert': () => ok({ map, changed: 1 }),
    });
    await store.getState().loadOrg();
    expect(store.getState().orgMap.data).toEqual({ entries: [], teams: [] });
    const result = await store.getState().upsertOrg([{ type: 'person', key: 'cy', team: 'Platform', seniority: 'staff' }]);
    expect(result.ok).toBe(true);
    expect(store.getState().orgMap).toMatchObject({ status: 'ready', data: map, path: acme.path });
    expect(store.getState().orgSaving).toBe(false);
    expect(unknownCalls).toBe(2);
    expect(requests.find((r) => r.name === 'org:upsert')!.request).toEqual({ entries: [{ type: 'person', key: 'cy', team: 'Platform', seniority: 'staff' }] });
  });

  it('a failed edit keeps the map and says why', async () => {
    const { store } = await storeWith({ 'org:list': () => ok(map), 'org:unknowns': () => ok(noUnknowns), 'org:remove': () => fail('nope') });
    await store.getState().loadOrg();
    const result = await store.getState().removeOrg([{ type: 'person', key: 'cy' }]);
    expect(result.ok).toBe(false);
    expect(store.getState().orgMap.data).toEqual(map);
  });

  it('saving a rule adopts the recomputed rules and clears the saving flag', async () => {
    const rules = { rules: [], pullRequests: 10, withEvidence: 4 };
    let release!: () => void;
    const { store } = await storeWith({
      'attribution:rules': () => ok({ ...rules, withEvidence: 3 }),
      'attribution:saveRule': () => new Promise((resolve) => (release = () => resolve({ ok: true, value: { ...rules, savedRuleId: 'label-x' } }))),
    });
    await store.getState().loadAttributionRules();
    expect(store.getState().attributionRules.data?.withEvidence).toBe(3);
    const saving = store.getState().saveAttributionRule({ kind: 'label', pattern: 'x', confidence: 'medium' });
    expect(store.getState().ruleSaving).toBe('new');
    release();
    await saving;
    expect(store.getState().ruleSaving).toBeNull();
    expect(store.getState().attributionRules.data?.withEvidence).toBe(4);
  });

  it('saving settings adopts the answer', async () => {
    const settings = { linking: { incidentWindowHours: 24 } } as unknown as WorkspaceSettings;
    const { store, requests } = await storeWith({ 'settings:save': () => ok({ settings, relinked: true, reclassified: 0 }) });
    const result = await store.getState().saveWorkspaceSettings({ linking: { incidentWindowHours: 24 } });
    expect(result.ok).toBe(true);
    expect(store.getState().workspaceSettings.data).toBe(settings);
    expect(store.getState().settingsSaving).toBeNull();
    expect(requests.at(-1)).toEqual({ name: 'settings:save', request: { linking: { incidentWindowHours: 24 } } });
  });
});

describe('GitHub', () => {
  it('follows the sync’s progress events, then keeps its report and refreshes the status', async () => {
    let finish!: (report: GitHubSyncReport) => void;
    const { store, emit, requests } = await storeWith({
      'github:sync': () => new Promise((resolve) => (finish = (report) => resolve({ ok: true, value: report }))),
      'github:status': () => ok({ running: false, streams: [] }),
      'github:cancelSync': () => ok({ cancelled: true }),
    });
    const running = store.getState().syncGitHub({ org: ' acme ', baseUrl: 'http://127.0.0.1:9/api/v3', repos: ['acme/api'], copilot: false });
    expect(store.getState().githubSync.running).toBe(true);
    const waitingUntil = new Date(Date.now() + 60_000).toISOString();
    const sync = { org: 'acme', repo: 'acme/api', stream: 'pulls' as const, repoIndex: 1, repoCount: 1, pages: 2, records: 40, rateLimitRemaining: 0, rateLimitResetAt: waitingUntil, waitingUntil };
    emit('job:progress', { jobId: 'sync-1', kind: 'sync', label: 'acme/api · pull requests · waiting', fraction: 0.3, done: false, sync });
    expect(store.getState().githubSync).toMatchObject({ label: 'acme/api · pull requests · waiting', fraction: 0.3, progress: sync });
    await store.getState().cancelGitHubSync();
    expect(store.getState().githubSync.cancelling).toBe(true);
    const report = { org: 'acme', repos: [], error: { kind: 'cancelled', message: 'Cancelled.' } } as unknown as GitHubSyncReport;
    finish(report);
    await running;
    expect(store.getState().githubSync).toMatchObject({ running: false, cancelling: false, report, progress: null });
    expect(requests.find((r) => r.name === 'github:sync')!.request).toEqual({ org: 'acme', baseUrl: 'http://127.0.0.1:9/api/v3', repos: ['acme/api'], copilot: false });
    await vi.waitFor(() => expect(requests.some((r) => r.name === 'github:status')).toBe(true));
  });

  it('prefills the form from the last sync of the workspace', () => {
    const stream = (scope: string, lastSyncedAt: string | null, apiBase = 'https://api.github.com') => ({ apiBase, scope, stream: 'pulls' as const, cursor: null, lastSyncedAt, resumable: false, pages: 0, records: 0, lastError: null });
    expect(lastConnection(null)).toBeNull();
    expect(lastConnection({ running: false, streams: [stream('acme/api', '2026-01-01T00:00:00Z'), stream('org:globex', '2026-02-01T00:00:00Z', 'https://ghe.example/api/v3')] })).toEqual({ org: 'globex', baseUrl: 'https://ghe.example/api/v3' });
    expect(lastConnection({ running: false, streams: [stream('acme/api', null)] })).toEqual({ org: 'acme', baseUrl: '' });
  });
});
