/** A chart's data as CSV: the numbers plotted, one row per period or category, and nothing a spreadsheet would run. */
import { describe, expect, it } from 'vitest';
import { effectsFigure } from '../../renderer/src/figures/analysis';
import { incidentsCfrFigure, throughputAiFigure } from '../../renderer/src/figures/series';
import { chartThemes, type Figure } from '../../renderer/src/figures/theme';
import { figureToCsv } from '../../renderer/src/lib/csv-export';
import { estimate, metricsRow } from './analysis-fixtures';

const options = { theme: chartThemes.light };
const parse = (csv: string) => csv.trimEnd().split('\r\n').map((line) => line.split(','));

describe('figureToCsv', () => {
  it('writes one row per month and one column per series, numbers as numbers', () => {
    const rows = [
      metricsRow('2026-08', { mergedPrsPerEngineerWeek: 0.93, qualityWeightedPerEngineerWeek: 0.84, aiShare: 0.3 }),
      metricsRow('2026-09', { mergedPrsPerEngineerWeek: 1.05, qualityWeightedPerEngineerWeek: 0.9, aiShare: 0.35 }),
    ];
    const table = parse(figureToCsv(throughputAiFigure(rows, { ...options, inProgress: ['2026-09'] })));
    expect(table[0]).toEqual(['Period', 'Merged PRs per engineer-week', 'Quality-weighted', 'AI share']);
    expect(table[1]).toEqual(['2026-08', '0.93', '0.84', '0.3']);
    expect(table[2]).toEqual(['2026-09', '1.05', '0.9', '0.35']);
    // The legend-only "In progress" key is not data.
    expect(table).toHaveLength(3);
  });

  it('leaves empty cells for months without a value (no denominator), not zeros', () => {
    const table = parse(figureToCsv(incidentsCfrFigure([metricsRow('2026-08', { changeFailureRate: null })], options)));
    expect(table[0]).toEqual(['Period', 'Incidents', 'Change failure rate']);
    expect(table[1]).toEqual(['2026-08', '20', '']);
  });

  it('turns interval charts into categories with their interval ends', () => {
    const fig = effectsFigure(
      [estimate({ outcome: 'incidents', estimate: 1.3, ci90: [1.1, 1.6] }), estimate({ outcome: 'bugs', estimate: null, ci90: null, status: 'insufficient' })],
      options,
    );
    const table = parse(figureToCsv(fig));
    expect(table[0]).toEqual(['Category', 'Your data', 'Your data (low)', 'Your data (high)']);
    expect(table[1]![0]).toBe('Incidents');
    expect(Number(table[1]![1])).toBeCloseTo(1.3);
    expect(Number(table[1]![2])).toBeCloseTo(1.1);
    expect(Number(table[1]![3])).toBeCloseTo(1.6);
    expect(table[2]).toEqual(['Bugs', '', '', '']);
  });

  it('neutralises formula injection in text cells but keeps negative numbers numeric', () => {
    const fig: Figure = {
      data: [
        { type: 'bar', name: '=HYPERLINK("http://evil","x")', x: ['+cmd', '-1+1', '@SUM(A1)', '\tTAB', 'plain'], y: [-5, 2, 3, 4, 5] },
        { type: 'bar', name: 'team, "quoted"', x: ['plain'], y: [-0.25] },
      ],
      layout: {},
    };
    const csv = figureToCsv(fig);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`Category,"'=HYPERLINK(""http://evil"",""x"")","team, ""quoted"""`);
    expect(lines[1]).toBe("'+cmd,-5,");
    expect(lines[2]).toBe("'-1+1,2,");
    expect(lines[3]).toBe("'@SUM(A1),3,");
    expect(lines[4]).toBe("'\tTAB,4,");
    expect(lines[5]).toBe('plain,5,-0.25');
    // No cell of the file starts with a formula character unless it is a number.
    for (const cell of csv.trimEnd().split(/\r\n|,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      const text = cell.replace(/^"/, '');
      if (/^[=+\-@\t\r]/.test(text)) expect(Number.isFinite(Number(text)), text).toBe(true);
    }
  });

  it('says so when the figure has no data', () => {
    expect(figureToCsv({ data: [], layout: {} })).toBe('No data\r\n');
  });
});
