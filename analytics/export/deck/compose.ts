/**
 * The board deck's slides, laid out: a title slide, the headline numbers with what they mean, one
 * slide per chart (its takeaway as the title, the chart, a footnote with the definition and data
 * coverage), the scenario comparison (a table of differences with their bands, and a chart), and an
 * appendix with the method, the data coverage, the published priors and the scenario assumptions —
 * every source text read from the engine. Pure: data and chart images in, a Deck out.
 */
import { deckChartLabels, type DeckChartId } from '../../../shared/export';
import type { AssumptionInfo, Band, ScenarioMetricKey } from '../../../shared/scenarios';
import type { DeckData } from './data';
import { coverageLine, definition } from './footnotes';
import { DECK_THEME as T, SLIDE, type Deck, type DeckElement, type Paragraph, type Slide, type TableCell, type TextElement } from './model';
import { count, dayLabel, monthLabel, monthsLabel, percent, times } from './numbers';
import {
  bandParts,
  chartTakeaway,
  comparisonWindows,
  describeLevers,
  effectsTakeaway,
  headlineCards,
  outcomeNames,
  quarterName,
  scenarioTakeaway,
  verdict,
  type Takeaway,
  type Windows,
} from './takeaways';

/** Where a chart goes on its slide (inches), and the CSS size it is drawn at (2x for the PNG). */
export const CHART_BOX = { x: 0.6, y: 1.72, w: 12.13, h: 4.5 } as const;
export const CHART_RENDER = { width: 1040, height: Math.round((1040 * CHART_BOX.h) / CHART_BOX.w), scale: 2 } as const;

export const DEFAULT_DECK_TITLE = 'AI-assisted coding: faster delivery, or cost moved downstream?';

export interface DeckImages {
  charts: Partial<Record<DeckChartId, Buffer>>;
  /** The scenario comparison's incidents chart (difference from baseline per quarter). */
  scenarioIncidents: Buffer | null;
}

const MARGIN = 0.6;
const CONTENT_W = SLIDE.width - 2 * MARGIN;

function text(x: number, y: number, w: number, h: number, content: string | Paragraph[], size: number, color: string = T.ink, extra: Partial<TextElement> = {}): TextElement {
  const paragraphs = typeof content === 'string' ? content.split('\n').map((line) => ({ runs: [{ text: line }] })) : content;
  return { type: 'text', x, y, w, h, paragraphs, size, color, valign: 'top', ...extra };
}

function slideHeader(title: string, subtitle: string | null): DeckElement[] {
  const out: DeckElement[] = [text(MARGIN, 0.35, CONTENT_W, 0.92, title, 22, T.ink, { bold: true, valign: 'bottom' })];
  if (subtitle) out.push(text(MARGIN, 1.34, CONTENT_W, 0.32, subtitle, 13, T.muted));
  return out;
}

function footer(data: DeckData): DeckElement[] {
  return [
    { type: 'rect', x: MARGIN, y: 7.0, w: CONTENT_W, h: 0.012, fill: T.line },
    text(MARGIN, 7.04, 10.5, 0.3, `${data.org} · Engineering and AI-assisted coding · data as of ${dayLabel(data.dataAsOf)}`, 9, T.faint),
    text(SLIDE.width - MARGIN - 1, 7.04, 1, 0.3, '', 9, T.faint, { align: 'right', field: 'slideNumber' }),
  ];
}

function notesOf(...parts: (string | string[])[]): string {
  return parts.flat().filter(Boolean).join('\n');
}

export function composeDeck(data: DeckData, images: DeckImages, options: { title?: string | undefined } = {}): Deck {
  const windows = comparisonWindows(data.rows, data.inProgress);
  const title = options.title?.trim() || DEFAULT_DECK_TITLE;
  const chartTakeaways = new Map<DeckChartId, Takeaway>();
  for (const chart of data.charts) chartTakeaways.set(chart, chart === 'effects' ? effectsTakeaway(data.effects.effects) : chartTakeaway(chart, windows));

  const slides: Slide[] = [titleSlide(data, title), headlineSlide(data, windows, chartTakeaways)];
  for (const chart of data.charts) slides.push(chartSlide(data, chart, chartTakeaways.get(chart)!, images.charts[chart] ?? null));
  if (data.scenarios) {
    slides.push(scenarioTableSlide(data));
    if (images.scenarioIncidents) slides.push(scenarioChartSlide(data, images.scenarioIncidents));
  }
  slides.push(methodsSlide(data), priorsSlide(data));
  if (data.scenarios) slides.push(assumptionsSlide(data));
  for (const slide of slides.slice(1)) slide.elements.push(...footer(data));
  return {
    title,
    subject: `${data.org}: engineering delivery, quality and customers, ${monthsLabel(data.rows.map((r) => r.period))}`,
    author: `${data.org} (Undertow)`,
    slides,
  };
}

function periodLabel(data: DeckData): string {
  return `${monthLabel(data.range.from.slice(0, 7))} – ${monthLabel(data.range.to.slice(0, 7))}`;
}

function titleSlide(data: DeckData, title: string): Slide {
  const elements: DeckElement[] = [
    { type: 'rect', x: 0, y: 0, w: SLIDE.width, h: SLIDE.height, fill: T.titleBackground },
    { type: 'rect', x: MARGIN, y: 2.05, w: 0.1, h: 2.75, fill: T.ai },
    text(MARGIN + 0.35, 1.55, 11, 0.4, 'BOARD UPDATE · ENGINEERING', 12, T.titleMuted, { bold: true }),
    text(MARGIN + 0.35, 2.0, 11.6, 1.65, title, 38, T.titleInk, { bold: true, valign: 'middle' }),
    text(MARGIN + 0.35, 3.75, 11, 0.55, data.org, 24, T.titleInk),
    text(MARGIN + 0.35, 4.3, 11, 0.45, `${periodLabel(data)} · data as of ${dayLabel(data.dataAsOf)}`, 16, T.titleMuted),
    text(
      MARGIN + 0.35,
      6.55,
      11.5,
      0.4,
      `Prepared with Undertow on ${dayLabel(data.generatedOn)}${data.demo ? ' · demo workspace: a synthetic organisation, not real data' : ''}`,
      11,
      T.titleMuted,
    ),
  ];
  return {
    kind: 'title',
    title,
    background: T.titleBackground,
    elements,
    notes: notesOf(
      `${title}`,
      `${data.org}, ${periodLabel(data)}. The data run to ${dayLabel(data.dataAsOf)}${data.inProgress.length ? `; ${monthsLabel(data.inProgress)} is still in progress and is shaded in the charts` : ''}.`,
      'The question for the board: is AI-assisted coding making us faster, or moving the cost downstream into incidents, bugs, support load and customer trust?',
      data.demo ? 'These numbers come from Undertow\'s synthetic demo organisation.' : '',
    ),
  };
}

function headlineSlide(data: DeckData, windows: Windows, takeaways: Map<DeckChartId, Takeaway>): Slide {
  const h = headlineCards(windows);
  const elements: DeckElement[] = slideHeader(h.title, `${h.current} (last three complete months) compared with ${h.compared}`);
  const gap = 0.18;
  const cardW = (CONTENT_W - gap * 5) / 6;
  h.cards.forEach((c, i) => {
    const x = MARGIN + i * (cardW + gap);
    const tone = c.tone === 'better' ? T.better : c.tone === 'worse' ? T.worse : T.muted;
    elements.push(
      { type: 'rect', x, y: 1.9, w: cardW, h: 1.95, fill: T.panel },
      { type: 'rect', x, y: 1.9, w: cardW, h: 0.06, fill: i === 1 ? T.ai : T.accent },
      text(x + 0.15, 2.05, cardW - 0.3, 0.5, c.label, 11, T.muted),
      text(x + 0.15, 2.55, cardW - 0.3, 0.7, c.value, 30, T.ink, { bold: true }),
      text(x + 0.15, 3.3, cardW - 0.3, 0.5, c.change, 10.5, tone, { bold: c.tone !== 'neutral' }),
    );
  });
  const messages: Paragraph[] = data.charts.map((chart) => ({ runs: [{ text: takeaways.get(chart)!.title }], bullet: true, spaceAfter: 6 }));
  if (data.scenarios) messages.push({ runs: [{ text: scenarioTakeaway(data.scenarios.saved, data.scenarios.comparison).title }], bullet: true, spaceAfter: 6 });
  elements.push(
    // The cards compare with a year earlier; the slide messages compare the first and last months shown.
    // Say so, or "down 19%" above and "held steady" below read as a contradiction.
    text(
      MARGIN,
      4.15,
      CONTENT_W,
      0.4,
      [{ runs: [{ text: 'What the data say', bold: true }, { text: `   ${monthsLabel(windows.early.map((r) => r.period))} compared with ${monthsLabel(windows.late.map((r) => r.period))}`, color: T.muted, size: 11 }] }],
      14,
      T.ink,
    ),
    text(MARGIN, 4.6, CONTENT_W, 2.25, messages, 13, T.ink),
  );
  return {
    kind: 'headlines',
    title: h.title,
    elements,
    notes: notesOf(h.notes, 'Each message is the title of a slide that follows, with its chart and definition.'),
  };
}

function chartSlide(data: DeckData, chart: DeckChartId, takeaway: Takeaway, png: Buffer | null): Slide {
  const subtitle = `${deckChartLabels[chart]}, monthly · ${periodLabel(data)}${data.inProgress.length ? ` (${monthsLabel(data.inProgress)} in progress, shaded)` : ''}`;
  const elements: DeckElement[] = slideHeader(takeaway.title, chart === 'effects' ? `${deckChartLabels[chart]} · ${periodLabel(data)}` : subtitle);
  if (png) elements.push({ type: 'image', ...CHART_BOX, png, alt: `${deckChartLabels[chart]}, ${periodLabel(data)}` });
  else elements.push(text(CHART_BOX.x, CHART_BOX.y + 2, CHART_BOX.w, 0.5, 'The chart could not be drawn.', 14, T.muted, { align: 'center' }));
  const def = definition(chart, { windowHours: data.windowHours, effects: data.effects.effects });
  elements.push(
    text(MARGIN, 6.3, CONTENT_W, 0.66, [
      { runs: [{ text: 'Definition: ', bold: true }, { text: def }] },
      { runs: [{ text: coverageLine(data.coverage, data.dataAsOf) }] },
    ], 9, T.muted),
  );
  const warnings = chart === 'effects' ? [...new Set(data.effects.effects.flatMap((e) => e.warnings))] : [];
  return {
    kind: 'chart',
    title: takeaway.title,
    elements,
    notes: notesOf(takeaway.notes, warnings.length ? ['Caveats:', ...warnings] : [], `Definition: ${def}`),
  };
}

const TABLE_METRICS: ScenarioMetricKey[] = ['mergedPrs', 'incidents', 'changeFailureRate', 'tickets', 'nps', 'cost'];
const TABLE_LABELS: Record<string, string> = {
  mergedPrs: 'Merged PRs',
  incidents: 'Incidents',
  changeFailureRate: 'Change failure rate',
  tickets: 'Support tickets',
  nps: 'NPS',
  cost: 'Cost',
};

function scenarioTableSlide(data: DeckData): Slide {
  const { saved, comparison } = data.scenarios!;
  const takeaway = scenarioTakeaway(saved, comparison);
  const last = comparison.baseline.quarters.length - 1;
  const quarter = comparison.baseline.quarters[last]!;
  const draws = comparison.scenarios[0]?.result.draws ?? 0;
  const header: TableCell[] = [
    { text: 'Scenario', bold: true, color: T.titleInk, fill: T.ink },
    ...TABLE_METRICS.map((k) => ({ text: TABLE_LABELS[k]!, bold: true, color: T.titleInk, fill: T.ink, align: 'center' as const })),
  ];
  const split = (key: ScenarioMetricKey, band: Band, delta: boolean) => {
    const [median, range] = bandParts(key, band, delta);
    return { text: median, sub: range };
  };
  const baselineRow: TableCell[] = [
    { text: 'Baseline', sub: 'current trend, no policy (levels)', bold: true, fill: T.panel },
    ...TABLE_METRICS.map((k) => ({ ...split(k, quarter.metrics[k], false), fill: T.panel, align: 'center' as const })),
  ];
  const rows = comparison.scenarios.map((s) => {
    const q = s.result.delta.quarters[last]!;
    const savedOne = saved.find((x) => x.name === s.name);
    const overrides = Object.keys(savedOne?.assumptions ?? {}).filter((k) => k !== 'quarters').length;
    return [
      { text: s.name, sub: describeLevers(savedOne?.levers ?? {}, overrides), bold: true },
      ...TABLE_METRICS.map((k) => {
        const v = verdict(k, q.metrics[k]);
        return { ...split(k, q.metrics[k], true), color: v === 'better' ? T.better : v === 'worse' ? T.worse : T.ink, bold: v !== 'uncertain', align: 'center' as const };
      }),
    ] satisfies TableCell[];
  });
  const colW = [3.13, ...TABLE_METRICS.map(() => 1.5)];
  // Rows are about 0.44 in at 11 pt with their band line; the legend follows the table.
  const below = 1.85 + 0.32 + 0.44 * (rows.length + 1) + 0.25;
  const elements: DeckElement[] = [
    ...slideHeader(takeaway.title, `Difference from the baseline in ${quarterName(quarter.period)}: median, and below it the 5th to 95th percentile of ${count(draws)} simulated futures`),
    { type: 'table', x: MARGIN, y: 1.85, w: CONTENT_W, colW, rows: [header, baselineRow, ...rows], size: 11 },
    text(MARGIN, below, CONTENT_W, 0.3, [
      { runs: [{ text: 'Green', bold: true, color: T.better }, { text: ': better than the baseline in at least 95% of simulated futures; ' }, { text: 'red', bold: true, color: T.worse }, { text: ': worse; plain: within the noise.' }] },
    ], 10, T.muted),
  ];
  const warnings = [...new Set(comparison.scenarios.flatMap((s) => s.result.warnings))];
  if (warnings.length) {
    elements.push(text(MARGIN, below + 0.4, CONTENT_W, 0.8, [{ runs: [{ text: 'Caveats: ', bold: true }, { text: summariseWarnings(warnings) }] }], 9, T.muted));
  }
  return {
    kind: 'scenarios',
    title: takeaway.title,
    elements,
    notes: notesOf(
      takeaway.notes,
      `Projection from ${monthLabel(comparison.startMonth)}; quarters ${comparison.baseline.quarters.map((q) => quarterName(q.period)).join(', ')}. Quarterly tables for every quarter are in the app (Scenarios view).`,
      warnings.length ? ['Caveats:', ...warnings] : [],
    ),
  };
}

/** Many scenario warnings repeat the same reason per outcome: keep them short on the slide. */
function summariseWarnings(warnings: string[]): string {
  const priors = warnings.filter((w) => /uses the published prior/.test(w));
  const others = warnings.filter((w) => !/uses the published prior/.test(w));
  const parts: string[] = [];
  if (priors.length) {
    const outcomes = priors.map((w) => /^The (.+?) effect/.exec(w)?.[1]).filter(Boolean);
    parts.push(`this workspace's data are too thin for its own ${outcomes.join(', ')} effect${outcomes.length === 1 ? '' : 's'}, so the published priors are used (see the appendix).`);
  }
  parts.push(...others);
  return parts.join(' ');
}

function scenarioChartSlide(data: DeckData, png: Buffer): Slide {
  const { comparison } = data.scenarios!;
  const quarters = comparison.baseline.quarters.map((q) => quarterName(q.period));
  const title = 'How each scenario moves incidents, quarter by quarter';
  return {
    kind: 'chart',
    title,
    elements: [
      ...slideHeader(title, `Incidents per quarter minus the baseline's, median with the 90% band · ${quarters[0]} – ${quarters[quarters.length - 1]}`),
      { type: 'image', ...CHART_BOX, png, alt: 'Incidents: each scenario\'s difference from the baseline per quarter' },
      text(MARGIN, 6.3, CONTENT_W, 0.66, [
        { runs: [{ text: 'Definition: ', bold: true }, { text: 'incidents projected by the scenario model (docs/scenarios.md) minus the baseline\'s in the same simulated future; below zero means fewer incidents.' }] },
        { runs: [{ text: coverageLine(data.coverage, data.dataAsOf) }] },
      ], 9, T.muted),
    ],
    notes: notesOf('A whisker that crosses zero means the scenario cannot be told apart from the baseline in that quarter.', scenarioTakeaway(data.scenarios!.saved, comparison).notes),
  };
}

function methodsSlide(data: DeckData): Slide {
  const e = data.effects;
  const c = data.coverage;
  const definitions: Paragraph[] = data.charts
    .filter((chart) => chart !== 'effects')
    .map((chart) => ({ runs: [{ text: `${deckChartLabels[chart]}: `, bold: true }, { text: definition(chart, { windowHours: data.windowHours, effects: e.effects }) }], bullet: true, spaceAfter: 4 }));
  const pre = e.eventStudy.outcomes
    .filter((o) => o.preTrendPValue !== null)
    .map((o) => `${outcomeNames[o.outcome]} p = ${o.preTrendPValue!.toFixed(2)}`)
    .join(', ');
  const method: Paragraph[] = [
    { runs: [{ text: 'Effect of AI share: ', bold: true }, { text: e.effects[0]?.method ?? '–' }], bullet: true, spaceAfter: 4 },
    {
      runs: [
        { text: 'Event study check: ', bold: true },
        { text: `${e.eventStudy.method}${pre ? ` Pre-adoption differences (joint test): ${pre}.` : ''}` },
      ],
      bullet: true,
      spaceAfter: 4,
    },
  ];
  if (data.scenarios) {
    const r = data.scenarios.comparison.scenarios[0]!.result;
    method.push({
      runs: [{ text: 'Scenarios: ', bold: true }, { text: `Monte Carlo of ${count(r.draws)} draws (seed ${r.spec.seed}) from ${monthLabel(r.startMonth)}; baseline and scenarios share their random numbers; bands are the 5th and 95th percentiles.` }],
      bullet: true,
    });
  }
  const pct = (a: number, b: number) => (b > 0 ? percent(a / b) : '–');
  const rows: TableCell[][] = [
    [{ text: 'Data coverage', bold: true, color: T.titleInk, fill: T.ink }, { text: '', fill: T.ink }],
    [{ text: 'Merged PRs' }, { text: count(c.pullRequests.merged), align: 'right' }],
    [{ text: 'with AI evidence (high / medium / low)' }, { text: `${pct(c.pullRequests.mergedWithAiEvidence, c.pullRequests.merged)} (${count(c.pullRequests.byConfidence.high)} / ${count(c.pullRequests.byConfidence.medium)} / ${count(c.pullRequests.byConfidence.low)} PRs)`, align: 'right' }],
    [{ text: 'in repos no team owns' }, { text: count(c.pullRequests.inUnmappedRepos), align: 'right' }],
    [{ text: 'Bugs linked to a PR' }, { text: `${pct(c.bugs.linkedToPr, c.bugs.total)} of ${count(c.bugs.total)}`, align: 'right' }],
    [{ text: 'Incidents linked to a change' }, { text: `${pct(c.incidents.linked, c.incidents.total)} of ${count(c.incidents.total)}`, align: 'right' }],
    [{ text: 'unlinked: filtered / no team / no candidate' }, { text: `${count(c.incidents.filtered)} / ${count(c.incidents.noTeam)} / ${count(c.incidents.noCandidate)}`, align: 'right' }],
    [{ text: 'Teams with merged PRs' }, { text: `${c.teams.withMergedPrs} of ${c.teams.mapped} mapped`, align: 'right' }],
    [{ text: 'Months with merged PRs' }, { text: `${c.months.withMergedPrs} (${c.months.from ?? '–'} to ${c.months.to ?? '–'})`, align: 'right' }],
    [{ text: 'Team-months (the statistics\' unit)' }, { text: count(c.teamMonths), align: 'right' }],
  ];
  return {
    kind: 'appendix',
    title: 'Appendix A — Definitions, method and data coverage',
    elements: [
      ...slideHeader('Appendix A — Definitions, method and data coverage', null),
      text(MARGIN, 1.5, 6.9, 5.4, [{ runs: [{ text: 'Definitions', bold: true }], spaceAfter: 4 }, ...definitions, { runs: [{ text: 'Method', bold: true }], spaceAfter: 4 }, ...method], 9.5, T.ink),
      { type: 'table', x: 7.8, y: 1.55, w: 4.93, colW: [2.6, 2.33], rows, size: 9.5 },
    ],
    notes: notesOf(
      'Every number in this deck is computed by Undertow from the workspace\'s own exports; the definitions are documented in docs/metrics.md and the statistics in docs/methods.md.',
      [...new Set(e.effects.flatMap((x) => x.notes))],
    ),
  };
}

function priorsSlide(data: DeckData): Slide {
  const dark = (t: string, align: TableCell['align'] = 'left'): TableCell => ({ text: t, bold: true, color: T.titleInk, fill: T.ink, align });
  const priorRows: TableCell[][] = [
    [dark('Outcome (rate ratio at 100% vs 0% AI share)'), dark('Published prior (90%)', 'center'), dark('Source'), dark('Our data (90%)', 'center'), dark('Combined', 'center')],
    ...data.effects.effects.map((e) => [
      { text: outcomeNames[e.outcome].replace(/^./, (c) => c.toUpperCase()), bold: true },
      { text: e.prior ? `${times(e.prior.rateRatio)} (${times(e.prior.ci90[0])}–${times(e.prior.ci90[1])})` : '–', align: 'center' as const },
      { text: e.prior?.source ?? '–', color: T.muted },
      { text: e.estimate === null ? 'no estimate' : `${times(e.estimate)} (${e.ci90 ? `${times(e.ci90[0])}–${times(e.ci90[1])}` : '–'})`, align: 'center' as const },
      { text: e.posterior ? `${times(e.posterior.estimate)}, ${Math.round(100 * e.posterior.dataWeight)}% data` : '–', align: 'center' as const },
    ]),
  ];
  const elements: DeckElement[] = [
    ...slideHeader('Appendix B — Published research used as priors', 'Where our data are thin, estimates lean on these figures (normal priors on the log rate ratio)'),
    { type: 'table', x: MARGIN, y: 1.85, w: CONTENT_W, colW: [2.3, 1.75, 5.23, 1.55, 1.3], rows: priorRows, size: 9.5 },
  ];
  const notes: string[] = data.effects.effects.filter((e) => e.prior).map((e) => `${outcomeNames[e.outcome]}: ${e.prior!.derivation}`);
  if (data.scenarios) {
    const params = data.scenarios.comparison.scenarios[0]!.result.parameters;
    const paramRows: TableCell[][] = [
      [dark('Scenario model parameter'), dark('Value used', 'center'), dark('Source')],
      ...params.map((p) => [
        { text: p.label },
        { text: `${times(Math.exp(p.value))} (sd ${p.sd.toFixed(2)})`, align: 'center' as const },
        { text: `${p.fromWorkspace ? 'This workspace\'s fit. ' : ''}${p.source}`, color: T.muted },
      ]),
    ];
    elements.push({ type: 'table', x: MARGIN, y: 4.35, w: CONTENT_W, colW: [4.1, 1.6, 6.43], rows: paramRows, size: 9.5 });
  }
  return { kind: 'appendix', title: 'Appendix B — Published research used as priors', elements, notes: notesOf('How each published figure became a prior:', notes) };
}

function assumptionsSlide(data: DeckData): Slide {
  const { comparison, saved } = data.scenarios!;
  const assumptions: AssumptionInfo[] = comparison.scenarios[0]!.result.assumptions;
  const dark = (t: string, align: TableCell['align'] = 'left'): TableCell => ({ text: t, bold: true, color: T.titleInk, fill: T.ink, align });
  const fmt = (a: AssumptionInfo, v: number) => (a.unit === 'share' ? percent(v) : a.unit === '$' ? `$${count(v)}` : `${Number(v.toFixed(3))} ${a.unit === 'hours' ? 'h' : a.unit === 'months' ? 'months' : ''}`.trim());
  const rows: TableCell[][] = [
    [dark('Assumption'), dark('Default', 'center'), dark('Range', 'center'), dark('Source')],
    ...assumptions.map((a) => [
      { text: `${a.label}${a.uncertain ? ' ✱' : ''}` },
      { text: `${fmt(a, a.value)}${a.calibrated ? ' (calibrated)' : ''}`, align: 'center' as const },
      { text: `${fmt(a, a.min)} – ${fmt(a, a.max)}`, align: 'center' as const },
      { text: a.source, color: T.muted },
    ]),
  ];
  const overrides = saved
    .map((s) => {
      const changed = Object.entries(s.assumptions).filter(([k]) => k !== 'quarters');
      if (!changed.length) return null;
      return `"${s.name}": ${changed.map(([k, v]) => `${assumptions.find((a) => a.key === k)?.label ?? k} = ${v}`).join('; ')}`;
    })
    .filter((x): x is string => x !== null);
  return {
    kind: 'appendix',
    title: 'Appendix C — Scenario assumptions',
    elements: [
      ...slideHeader('Appendix C — Scenario assumptions', `Editable in the app; ✱ drawn per simulated future (×exp(N(0, 0.25²)), within the range)${overrides.length ? ' · changed in: ' + overrides.join(' · ') : ''}`),
      { type: 'table', x: MARGIN, y: 1.8, w: CONTENT_W, colW: [3.6, 1.55, 1.75, 5.23], rows, size: 9.5 },
    ],
    notes: notesOf('Assumptions without a published figure are judgement calls: the board should see them before trusting a scenario.', overrides),
  };
}
