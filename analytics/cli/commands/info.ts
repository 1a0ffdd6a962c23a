import { requirePositional, type Command } from '../command';
import { withCliSession } from '../session';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Schema version, row counts of every canonical table, the data date range and data coverage.',
  usage: 'info <workspace.duckdb> [--json]',
  options: { json: { type: 'boolean', default: false } },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    return withCliSession(async (cli) => {
      await cli.call('workspace:open', { path });
      const info = await cli.call('workspace:info', {});
      const coverage = await cli.call('data:coverage', {});
      if (values.json) {
        io.out(JSON.stringify({ ...info, coverage }, null, 2));
        return 0;
      }
      io.out(`Workspace  ${info.path} (${info.kind}, schema ${info.schemaVersion})`);
      io.out(`Data       ${info.from ?? '—'} – ${info.to ?? '—'}`);
      const width = Math.max(...Object.keys(info.tables).map((t) => t.length));
      for (const [table, n] of Object.entries(info.tables)) io.out(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US')}`);
      const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');
      const { pullRequests: prs, bugs, incidents } = coverage;
      io.out('Coverage');
      io.out(`  PRs with AI evidence      ${pct(prs.withAiEvidence, prs.total)} of ${prs.total.toLocaleString('en-US')} (AI line share of merged PRs ${prs.mergedAiShare === null ? '—' : pct(prs.mergedAiShare, 1)})`);
      io.out(`  bugs linked to a PR       ${pct(bugs.linkedToPr, bugs.total)} of ${bugs.total.toLocaleString('en-US')}`);
      io.out(`  incidents linked          ${pct(incidents.linked, incidents.total)} of ${incidents.total.toLocaleString('en-US')}`);
      io.out(`  teams / months            ${coverage.teams.withMergedPrs} teams, ${coverage.months.withMergedPrs} months (${coverage.teamMonths} team-months)`);
      return 0;
    });
  },
};
