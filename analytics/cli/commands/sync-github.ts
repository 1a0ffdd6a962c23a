/**
 * `npm run cli -- sync-github <workspace> --org ORG [--repo R]... [--base-url URL] [--since DAY] [--no-copilot] [--json]`:
 * live GitHub sync through the same contract call as the UI (`github:sync`). The token comes from
 * GITHUB_TOKEN; progress goes to stderr, the report to stdout.
 */
import type { GitHubStreamReport, GitHubSyncReport } from '../../../shared/domain';
import { UndertowError } from '../../errors';
import { requirePositional, UsageError, type CliIO, type Command } from '../command';
import { withCliSession } from '../session';

function streamLine(s: GitHubStreamReport): string {
  const counts = `${s.pages} pages, ${s.records} records (${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged${s.rejected ? `, ${s.rejected} rejected` : ''})`;
  return `    ${s.error ? '✗' : s.complete ? '✓' : '…'} ${s.stream.padEnd(11)} ${counts}${s.error ? `\n        ${s.error.message}` : ''}`;
}

export function printSyncReport(report: GitHubSyncReport, io: CliIO): void {
  io.out(`GitHub ${report.org} via ${report.apiBase}: ${report.repos.length} repositories, ${report.requests} requests${report.rateLimit ? `, rate limit ${report.rateLimit.remaining} left` : ''}.`);
  for (const repo of report.repos) {
    io.out(`${repo.error ? '✗' : '•'} ${repo.repo}${repo.error ? `\n    ${repo.error.message}` : ''}`);
    for (const s of repo.streams) io.out(streamLine(s));
  }
  if (report.copilot) io.out(`• Copilot usage reports of ${report.org}\n${streamLine(report.copilot)}`);
  if (report.derived) io.out('AI attribution and links updated.');
  if (report.error) io.out(`✗ The sync stopped: ${report.error.message}`);
}

/** Exit code 1 when anything failed (the rows imported before it are kept either way). */
function failed(report: GitHubSyncReport): boolean {
  return Boolean(report.error || report.copilot?.error || report.repos.some((r) => r.error || r.streams.some((s) => s.error)));
}

export const syncGitHubCommand: Command = {
  name: 'sync-github',
  summary: 'Sync an org from GitHub (token from GITHUB_TOKEN); only what changed since the last sync.',
  usage: 'sync-github <workspace.duckdb> --org ORG [--repo NAME]... [--base-url URL] [--since YYYY-MM-DD] [--no-copilot] [--json]',
  options: {
    org: { type: 'string' },
    repo: { type: 'string', multiple: true },
    'base-url': { type: 'string' },
    since: { type: 'string' },
    'no-copilot': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const workspace = requirePositional(positionals, 0, 'workspace path');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (typeof values.org !== 'string') throw new UsageError('--org is required');
    const repos = Array.isArray(values.repo) ? values.repo.filter((r): r is string => typeof r === 'string') : [];
    let lastLabel = '';
    return withCliSession(
      async (cli) => {
        // Before the workspace is created: without a token there is nothing to sync into it.
        if (!(await cli.call('github:tokenStatus', {})).configured) {
          throw new UndertowError('invalid_request', 'No GitHub token. Set the GITHUB_TOKEN environment variable (token scopes: docs/github-sync.md).');
        }
        await cli.session.openOrCreate(workspace);
        const report = await cli.call('github:sync', {
          org: values.org as string,
          ...(repos.length ? { repos } : {}),
          ...(typeof values['base-url'] === 'string' ? { baseUrl: values['base-url'] } : {}),
          ...(typeof values.since === 'string' ? { since: values.since } : {}),
          ...(values['no-copilot'] ? { copilot: false } : {}),
        });
        if (values.json) io.out(JSON.stringify(report, null, 2));
        else printSyncReport(report, io);
        return failed(report) ? 1 : 0;
      },
      {
        emit: (event, payload) => {
          if (event !== 'job:progress' || !payload || !('kind' in payload) || payload.kind !== 'sync' || payload.done) return;
          if (payload.label !== lastLabel) io.err(payload.label);
          lastLabel = payload.label;
        },
      },
    );
  },
};
