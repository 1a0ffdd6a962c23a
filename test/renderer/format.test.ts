import { describe, expect, it } from 'vitest';
import { formatCount, formatDateRange, formatDay, formatMonth, formatRate, formatScore, formatShare, nextMonth, previousMonth } from '../../renderer/src/lib/format';

describe('date formatting', () => {
  it('formats a data range by month with an en dash', () => {
    expect(formatDateRange('2024-11-01', '2026-10-31')).toBe('Nov 2024 – Oct 2026');
  });

  it('collapses a range within one month and handles missing ends', () => {
    expect(formatDateRange('2026-10-02', '2026-10-30')).toBe('Oct 2026');
    expect(formatDateRange(null, null)).toBe('');
    expect(formatDateRange('2026-01-05', null)).toBe('Jan 2026');
  });

  it('formats months and days without time-zone drift', () => {
    expect(formatMonth('2026-01')).toBe('Jan 2026');
    expect(formatMonth('2026-12-31', true)).toBe('December 2026');
    expect(formatMonth('garbage')).toBe('');
    expect(formatDay('2026-03-01')).toBe('1 Mar 2026');
  });

  it('steps months across year boundaries', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect(nextMonth('2025-12')).toBe('2026-01');
  });
});

describe('number formatting', () => {
  it('groups counts and shows a dash for missing values', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('–');
    expect(formatCount(Number.NaN)).toBe('–');
  });

  it('formats shares as percentages with one decimal', () => {
    expect(formatShare(0.4173)).toBe('41.7%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(null)).toBe('–');
  });

  it('rounds scores and never shows a negative zero', () => {
    expect(formatScore(32.6)).toBe('33');
    expect(formatScore(-12.4)).toBe('-12');
    expect(formatScore(-0.2)).toBe('0');
  });

  it('formats rates with one decimal', () => {
    expect(formatRate(1.25)).toBe('1.3');
    expect(formatRate(null)).toBe('–');
  });
});
