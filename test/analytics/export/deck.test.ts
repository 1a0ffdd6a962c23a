/**
 * The board deck on the demo workspace, read back from the PPTX (a zip of slide XML): slide count and
 * order, titles, a chart picture on every chart slide, speaker notes on every slide, 16:9, the
 * scenario comparison for the chosen saved scenarios; the contract call with progress; and a real
 * reader: LibreOffice converts the deck to PDF where it is installed (skipped, saying so, otherwise).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../analytics/app/handlers';
import { Session } from '../../../analytics/app/session';
import { buildDemoWorkspace } from '../../../analytics/demo';
import { buildDeck, exportDeck, type BuiltDeck } from '../../../analytics/export/deck';
import type { ExportRenderer } from '../../../analytics/export/renderer';
import { saveScenario } from '../../../analytics/scenarios';
import { Workspace } from '../../../analytics/workspace/workspace';
import type { JobProgress } from '../../../shared/domain';
import { defaultDeckCharts, type DeckExport, type RenderRequest } from '../../../shared/export';
import { tempDir } from '../helpers/temp';
import { PNG_SIGNATURE, solidPng } from './png';

let dir: ReturnType<typeof tempDir>;
let path: string;
let ws: Workspace;
let built: BuiltDeck;
const rendered: RenderRequest[] = [];

/** Stands in for headless Chromium: a real PNG of the requested pixel size per figure. */
function fakeRenderer(log: RenderRequest[] = []): ExportRenderer {
  return {
    renderFigures: async (requests) => {
      log.push(...requests);
      return requests.map((r) => solidPng(Math.round(r.width * r.scale / 8), Math.round(r.height * r.scale / 8)));
    },
    htmlToPdf: async () => Buffer.from('%PDF-1.4\n% fake\n'),
    close: async () => undefined,
  };
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!));

interface ReadBack {
  slides: Array<{ xml: string; text: string; rels: string; notes: string }>;
  presentation: string;
  media: string[];
}

async function readPptx(bytes: Buffer): Promise<ReadBack> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const slideFiles = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const slides = [];
  for (const file of slideFiles) {
    const n = /(\d+)\.xml$/.exec(file)![1];
    const xml = await zip.file(file)!.async('string');
    const rels = (await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)?.async('string')) ?? '';
    const notesTarget = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    const notes = notesTarget ? texts(await zip.file(`ppt/notesSlides/${notesTarget}`)!.async('string')).join('\n') : '';
    slides.push({ xml, text: texts(xml).join(' '), rels, notes });
  }
  return { slides, presentation: await zip.file('ppt/presentation.xml')!.async('string'), media: names.filter((n) => /^ppt\/media\/[^/]+\.png$/.test(n)) };
}

beforeAll(async () => {
  dir = tempDir('undertow-deck-');
  process.env.UNDERTOW_STATE_DIR = dir.file('state');
  path = dir.file('demo.duckdb');
  await buildDemoWorkspace(path);
  ws = await Workspace.open(path);
  await saveScenario(ws, { name: 'Cap AI at 25%', levers: { capAi: { share: 0.25 } }, quarters: 4, seed: 1 });
  await saveScenario(ws, { name: 'Senior review above 50%', levers: { tieredReview: { aboveShare: 0.5 } }, quarters: 4, seed: 1 });
  await saveScenario(ws, { name: 'Not in the deck', levers: { aiFreeRepos: ['acme/ledger'] }, quarters: 2, seed: 1 });
  built = await buildDeck(
    ws,
    { charts: [...defaultDeckCharts], scenarios: ['Cap AI at 25%', 'Senior review above 50%'], formats: ['pptx'], draws: 400 },
    { renderer: async () => fakeRenderer(rendered), now: new Date('2026-11-20T12:00:00Z') },
  );
}, 180_000);

afterAll(async () => {
  await ws?.close();
  delete process.env.UNDERTOW_STATE_DIR;
  dir.cleanup();
});

describe('board deck', () => {
  it('has the board story in order: title, headlines, one slide per chart, scenarios, appendix', async () => {
    const kinds = built.deck.slides.map((s) => s.kind);
    expect(kinds).toEqual(['title', 'headlines', 'chart', 'chart', 'chart', 'chart', 'chart', 'scenarios', 'chart', 'appendix', 'appendix', 'appendix']);
    const back = await readPptx(built.pptx);
    expect(back.slides).toHaveLength(12);
    // Every slide's title is on the slide, as editable text.
    built.deck.slides.forEach((s, i) => expect(back.slides[i]!.text, `slide ${i + 1}`).toContain(s.title));
    expect(back.slides[0]!.text).toContain('data as of 31 October 2026');
    expect(back.slides[0]!.text).toContain('Nov 2024 – Oct 2026');
    expect(back.slides[9]!.text).toContain('Appendix A');
  });

  it('is 16:9 widescreen with a picture on every chart slide and none elsewhere', async () => {
    const back = await readPptx(built.pptx);
    expect(back.presentation).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
    built.deck.slides.forEach((s, i) => {
      const pictures = (back.slides[i]!.xml.match(/<p:pic>/g) ?? []).length;
      expect(pictures, `slide ${i + 1} (${s.kind})`).toBe(s.kind === 'chart' ? 1 : 0);
      if (s.kind === 'chart') expect(back.slides[i]!.rels).toMatch(/Target="\.\.\/media\/[^"]+\.png"/);
    });
    expect(back.media.length).toBeGreaterThanOrEqual(6);
    // Charts were asked of the renderer at 2x, 16:9-ish slide size, without their own titles.
    expect(rendered).toHaveLength(6);
    expect(rendered.every((r) => r.format === 'png' && r.scale === 2 && r.hideTitle)).toBe(true);
    expect(rendered.map((r) => r.figure.kind)).toEqual(['series', 'series', 'series', 'series', 'effects', 'scenarioDelta']);
  });

  it('has speaker notes on every slide', async () => {
    const back = await readPptx(built.pptx);
    back.slides.forEach((s, i) => expect(s.notes.length, `notes of slide ${i + 1}`).toBeGreaterThan(40));
    // Chart notes carry the numbers behind the title and the metric definition.
    expect(back.slides[2]!.notes).toMatch(/Compared: .* with .*\(last three\)/);
    expect(back.slides[2]!.notes).toContain('Definition:');
  });

  it('chart slides carry a footnote with the definition and the data coverage', async () => {
    const back = await readPptx(built.pptx);
    const incidents = back.slides[3]!.text;
    expect(incidents).toContain('Definition:');
    expect(incidents).toMatch(/within 72 h by a linked incident/);
    expect(incidents).toMatch(/Coverage: \d+% of [\d,]+ merged PRs carry AI evidence/);
  });

  it('compares exactly the chosen saved scenarios with bands', async () => {
    const back = await readPptx(built.pptx);
    const table = back.slides[7]!;
    expect(table.xml).toContain('<a:tbl>');
    expect(table.text).toContain('Cap AI at 25%');
    expect(table.text).toContain('Senior review above 50%');
    expect(table.text).not.toContain('Not in the deck');
    expect(table.text).toContain('Baseline');
    // Median and its 5–95% band for each metric.
    expect(table.text).toMatch(/−?[\d,]+ −?[\d,]+ to [+−]?[\d,]+/);
  });

  it('cites the sources of the priors as the engine states them', async () => {
    const back = await readPptx(built.pptx);
    const priors = back.slides[10]!.text;
    expect(priors).toContain('Cortex, Engineering in the Age of AI: 2026 Benchmark Report');
    expect(priors).toContain('Faros AI, The AI Productivity Paradox (2025)');
    expect(priors).toContain('DORA, Accelerate State of DevOps 2024');
    expect(back.slides[11]!.text).toContain('CodeRabbit');
  });

  it('refuses an unknown scenario with the names that exist', async () => {
    await expect(buildDeck(ws, { charts: ['throughput-ai'], scenarios: ['Nope'], formats: ['pptx'] }, { renderer: async () => fakeRenderer() })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('"Cap AI at 25%"'),
    });
  });

  it('writes the files atomically where asked, and inline otherwise', async () => {
    const out = dir.file('out');
    mkdirSync(out);
    const result = await exportDeck(
      ws,
      { charts: ['throughput-ai'], scenarios: [], formats: ['pptx', 'pdf'], out: { pptx: `${out}/board.pptx` } },
      { renderer: async () => fakeRenderer() },
    );
    expect(result.pptx?.path).toBe(`${out}/board.pptx`);
    expect(result.pptx?.base64).toBeNull();
    expect(readdirSync(out)).toEqual(['board.pptx']);
    expect(readFileSync(`${out}/board.pptx`).subarray(0, 2).toString()).toBe('PK');
    expect(result.pdf?.path).toBeNull();
    expect(Buffer.from(result.pdf!.base64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.warnings.join(' ')).toMatch(/No scenarios chosen/);
  });
});

describe('export:deck through the contract', () => {
  it('reports progress as export jobs and answers the slides', async () => {
    const events: JobProgress[] = [];
    const session = new Session({
      mode: 'cli',
      version: 'test',
      stateDir: dir.file('state2'),
      emit: (event, payload) => {
        if (event === 'job:progress') events.push(payload as JobProgress);
      },
      exports: { renderer: async () => fakeRenderer() },
    });
    const handlers = createHandlers(session);
    await ws.close();
    try {
      await session.open(path);
      const bad = await dispatch(handlers, 'export:deck', { charts: [] });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      const result = await dispatch(handlers, 'export:deck', { charts: ['incidents-cfr'], scenarios: [] });
      expect(result.ok).toBe(true);
      const value = (result as { ok: true; value: DeckExport }).value;
      expect(value.pptx?.base64).toBeTruthy();
      // Title, headlines, the chart, appendix A and B (no scenarios: no comparison, no assumptions).
      expect(value.slides).toHaveLength(5);
      expect(events.every((e) => e.kind === 'export')).toBe(true);
      expect(events.at(-1)).toMatchObject({ done: true, fraction: 1 });
      expect(events.some((e) => /Drawing 1 chart/.test(e.label))).toBe(true);
    } finally {
      await session.close();
      ws = await Workspace.open(path);
    }
  });
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0) ?? null;
const SKIP_REASON = 'LibreOffice (soffice) is not installed: install libreoffice-impress to check the deck opens in a real reader';
if (!soffice) console.warn(`Skipping the LibreOffice deck check: ${SKIP_REASON}.`);

describe.skipIf(!soffice)(soffice ? 'the deck in LibreOffice' : `the deck in LibreOffice — skipped: ${SKIP_REASON}`, () => {
  it('converts to a PDF with one page per slide', () => {
    const out = dir.file('lo');
    mkdirSync(out, { recursive: true });
    const file = `${out}/board.pptx`;
    writeFileSync(file, built.pptx);
    // A private profile: a desktop LibreOffice (or a parallel test) holding the default one cannot block it.
    execFileSync(soffice!, [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
    const pdfPath = `${out}/board.pdf`;
    expect(existsSync(pdfPath), 'LibreOffice wrote no PDF: it could not read the deck').toBe(true);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;
    expect(pages).toBe(built.deck.slides.length);
  }, 150_000);
});

it('the fake chart images are real PNGs', () => {
  expect(solidPng(4, 3).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
});
