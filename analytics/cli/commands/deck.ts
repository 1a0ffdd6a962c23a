import { resolve } from 'node:path';
import { ensureRenderPage } from '../../../scripts/render-page';
import { deckChartIds, MAX_DECK_SCENARIOS, type DeckChartId, type ExportedFile } from '../../../shared/export';
import { headlessChromiumRenderer } from '../../export/headless-chromium';
import { requirePositional, UsageError, type Command } from '../command';
import { withCliSession } from '../session';

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export const deckCommand: Command = {
  name: 'deck',
  summary: 'Board deck (PPTX, optionally PDF): headline numbers, one slide per chart, saved scenarios compared, methods appendix. Charts drawn in headless Chromium.',
  usage: `deck <workspace.duckdb> --out board.pptx [--pdf board.pdf] [--scenario NAME]... [--no-scenarios] [--chart ${deckChartIds.join('|')}]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--title T] [--org NAME] [--json]`,
  options: {
    out: { type: 'string' },
    pdf: { type: 'string' },
    scenario: { type: 'string', multiple: true },
    'no-scenarios': { type: 'boolean', default: false },
    chart: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    title: { type: 'string' },
    org: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
    const pdf = typeof values.pdf === 'string' ? resolve(values.pdf) : undefined;
    if (!out && !pdf) throw new UsageError('give --out board.pptx (and/or --pdf board.pdf)');
    if (out && !out.toLowerCase().endsWith('.pptx')) throw new UsageError('--out must name a .pptx file');
    if (pdf && !pdf.toLowerCase().endsWith('.pdf')) throw new UsageError('--pdf must name a .pdf file');
    const charts = list(values.chart);
    for (const c of charts) if (!(deckChartIds as readonly string[]).includes(c)) throw new UsageError(`unknown chart "${c}" (charts: ${deckChartIds.join(', ')})`);
    const scenarios = list(values.scenario);
    if (values['no-scenarios'] && scenarios.length) throw new UsageError('--no-scenarios and --scenario cannot be combined');
    if (scenarios.length > MAX_DECK_SCENARIOS) throw new UsageError(`a deck compares at most ${MAX_DECK_SCENARIOS} scenarios`);
    for (const key of ['from', 'to'] as const) {
      const v = values[key];
      if (v !== undefined && (typeof v !== 'string' || !isoDay.test(v))) throw new UsageError(`--${key} must be a date as YYYY-MM-DD`);
    }

    let lastLabel = '';
    const progress = (label: string) => {
      if (!values.json && label !== lastLabel) io.err(label);
      lastLabel = label;
    };
    const exports = { renderer: async () => headlessChromiumRenderer({ pageDir: await ensureRenderPage(progress) }) };
    return withCliSession(
      async (cli) => {
        await cli.call('workspace:open', { path });
        const result = await cli.call('export:deck', {
          ...(charts.length ? { charts: charts as DeckChartId[] } : {}),
          ...(values['no-scenarios'] ? { scenarios: [] } : scenarios.length ? { scenarios } : {}),
          ...(typeof values.from === 'string' ? { from: values.from } : {}),
          ...(typeof values.to === 'string' ? { to: values.to } : {}),
          ...(typeof values.title === 'string' ? { title: values.title } : {}),
          ...(typeof values.org === 'string' ? { org: values.org } : {}),
          formats: [...(out ? (['pptx'] as const) : []), ...(pdf ? (['pdf'] as const) : [])],
          out: { ...(out ? { pptx: out } : {}), ...(pdf ? { pdf } : {}) },
        });
        const files = [result.pptx, result.pdf].filter((f): f is ExportedFile => f !== null);
        if (values.json) {
          io.out(JSON.stringify({ files: files.map((f) => ({ path: f.path, bytes: f.bytes })), slides: result.slides, warnings: result.warnings }, null, 2));
          return 0;
        }
        for (const f of files) io.out(`Wrote ${f.path} (${(f.bytes / 1024).toFixed(0)} KB)`);
        io.out(`${result.slides.length} slides:`);
        result.slides.forEach((title, i) => io.out(`  ${String(i + 1).padStart(2)}. ${title}`));
        for (const w of result.warnings) io.err(`Note: ${w}`);
        return 0;
      },
      {
        exports,
        emit: (event, payload) => {
          if (event === 'job:progress' && payload && 'kind' in payload && payload.kind === 'export' && !payload.done) progress(payload.label);
        },
      },
    );
  },
};

