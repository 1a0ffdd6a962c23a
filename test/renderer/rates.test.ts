import { describe, expect, it } from 'vitest';
import type { OverviewMonth } from '../../shared/domain';
import { inProgressMonths, per100, qualityRates } from '../../renderer/src/lib/rates';

const month = (m: string, mergedPrs: number, incidents: number, bugs: number, aiShare: number | null = 0.2): OverviewMonth => ({
  month: m,
  mergedPrs,
  aiShare,
  incidents,
  bugs,
  tickets: 0,
  nps: null,
  npsResponses: 0,
});

describe('per-100 rates', () => {
  it('divides by the exposure and has no rate without exposure', () => {
    expect(per100(5, 250)).toBe(2);
    expect(per100(3, 0)).toBeNull();
  });

  it('computes incidents and bugs per 100 merged PRs month by month', () => {
    const rows = qualityRates([month('2026-09', 400, 6, 30, 0.3), month('2026-10', 0, 2, 1, null)]);
    expect(rows).toEqual([
      { month: '2026-09', aiShare: 0.3, mergedPrs: 400, incidentsPer100Prs: 1.5, bugsPer100Prs: 7.5 },
      { month: '2026-10', aiShare: null, mergedPrs: 0, incidentsPer100Prs: null, bugsPer100Prs: null },
    ]);
  });
});

describe('inProgressMonths', () => {
  it('lists the months after the latest complete one', () => {
    const rows = [month('2026-09', 1, 0, 0), month('2026-10', 1, 0, 0), month('2026-11', 1, 0, 0)];
    expect(inProgressMonths(rows, '2026-10')).toEqual(['2026-11']);
    expect(inProgressMonths(rows, '2026-11')).toEqual([]);
    expect(inProgressMonths(rows, null)).toEqual([]);
  });
});
