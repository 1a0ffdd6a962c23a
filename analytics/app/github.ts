/**
 * The `github:*` contract calls (live GitHub sync, docs/github-sync.md). The shell supplies the token
 * store through `SessionEnv.github`; without one (browser mode) the token is kept in memory for the
 * session. No call here touches the network except `github:sync` and `github:listRepos`.
 */
import type { CallRequestParsed } from '../../shared/contract';
import type { GitHubRepoSummary, GitHubSyncReport, GitHubSyncStatus, GitHubTokenStatus } from '../../shared/domain';
import { UndertowError } from '../errors';
import { normalizeApiBase } from '../github/api-base';
import { GitHubClient } from '../github/client';
import { GitHubSyncError, redact } from '../github/failures';
import { listOrgRepos } from '../github/repos';
import { listStatus } from '../github/state';
import { requestedRepos, syncGitHub } from '../github/sync';
import { memoryTokenStore, type GitHubEnv } from '../github/token';
import type { Session } from './session';

export class GitHubService {
  private readonly env: GitHubEnv;
  private running: AbortController | null = null;

  constructor(private readonly session: Session) {
    this.env = session.env.github ?? { tokens: memoryTokenStore() };
  }

  tokenStatus(): Promise<GitHubTokenStatus> {
    return this.env.tokens.status();
  }

  setToken(token: string): Promise<GitHubTokenStatus> {
    return this.env.tokens.set(token.trim());
  }

  clearToken(): Promise<GitHubTokenStatus> {
    return this.env.tokens.clear();
  }

  async listRepos(request: CallRequestParsed<'github:listRepos'>): Promise<GitHubRepoSummary[]> {
    const token = await this.requireToken();
    const client = new GitHubClient({ ...this.env.hooks, token, apiBase: normalizeApiBase(request.baseUrl), userAgent: this.userAgent() });
    try {
      return await listOrgRepos(client, request.org);
    } catch (err) {
      throw asUndertowError(err, token);
    }
  }

  async sync(request: CallRequestParsed<'github:sync'>): Promise<GitHubSyncReport> {
    const ws = this.session.requireWorkspace();
    if (this.running) throw new UndertowError('conflict', 'A GitHub sync is already running; wait for it to finish or cancel it.');
    const apiBase = normalizeApiBase(request.baseUrl);
    requestedRepos(request.org, request.repos);
    // Claimed before the first await, so a second request cannot start a parallel sync.
    const controller = new AbortController();
    this.running = controller;
    const jobId = this.session.nextJobId('sync');
    const emit = this.session.env.emit;
    let token = '';
    let report: GitHubSyncReport;
    try {
      token = await this.requireToken();
      report = await syncGitHub({
        ...this.env.hooks,
        ws,
        token,
        apiBase,
        org: request.org,
        repos: request.repos,
        since: request.since,
        copilot: request.copilot,
        userAgent: this.userAgent(),
        signal: controller.signal,
        ...(this.env.tempDir ? { tempDir: this.env.tempDir } : {}),
        onProgress: (label, fraction, sync) => emit('job:progress', { jobId, kind: 'sync', label: redact(label, token), fraction, done: false, sync }),
      });
    } catch (err) {
      const error = asUndertowError(err, token);
      emit('job:progress', { jobId, kind: 'sync', label: 'GitHub sync failed', fraction: null, done: true, error: error.message });
      throw error;
    } finally {
      this.running = null;
      if (token) await this.session.refresh().catch(() => undefined);
    }
    const label = report.error ? `GitHub sync stopped: ${report.error.message}` : 'GitHub sync finished';
    emit('job:progress', { jobId, kind: 'sync', label, fraction: 1, done: true, ...(report.error ? { error: report.error.message } : {}) });
    return report;
  }

  async status(): Promise<GitHubSyncStatus> {
    const ws = this.session.requireWorkspace();
    return { running: this.running !== null, streams: await listStatus(ws) };
  }

  cancel(): { cancelled: boolean } {
    if (!this.running) return { cancelled: false };
    this.running.abort();
    return { cancelled: true };
  }

  private async requireToken(): Promise<string> {
    const token = await this.env.tokens.get();
    if (token) return token;
    const how =
      this.env.tokens.storage === 'environment'
        ? 'Set the GITHUB_TOKEN environment variable'
        : 'Set a token first (Data → Connect GitHub)';
    throw new UndertowError(
      'invalid_request',
      `No GitHub token. ${how}: a classic token with \`repo\` and \`read:org\`, or a fine-grained token with "Pull requests", "Contents", "Deployments" and "Metadata" read access (see docs/github-sync.md).`,
    );
  }

  private userAgent(): string {
    return `Undertow/${this.session.env.version}`;
  }
}

/** Any failure as a contract error whose message cannot contain the token (no cause attached). */
function asUndertowError(err: unknown, token: string): UndertowError {
  if (err instanceof UndertowError) return new UndertowError(err.code, redact(err.message, token), err.details);
  if (err instanceof GitHubSyncError) {
    const code = err.failure.kind === 'not_found' ? 'not_found' : err.failure.kind === 'cancelled' ? 'conflict' : 'remote';
    return new UndertowError(code, redact(err.message, token), err.failure.ssoUrl ? { ssoUrl: err.failure.ssoUrl } : undefined);
  }
  return new UndertowError('internal', `GitHub sync failed: ${redact(err instanceof Error ? err.message : String(err), token)}`);
}
