import { describe, expect, it } from 'vitest';
import type { Headline } from '../../shared/domain';
import { formatHeadlineValue, headlineDelta } from '../../renderer/src/lib/headline';

const h = (key: Headline['key'], unit: Headline['unit'], value: number | null, previous: number | null): Headline => ({
  key,
  label: key,
  unit,
  value,
  previous,
  month: '2026-10',
});

describe('headlineDelta', () => {
  it('reads more incidents, bugs and tickets as bad', () => {
    for (const key of ['incidents', 'bugs', 'tickets'] as const) {
      const d = headlineDelta(h(key, 'count', 23, 21));
      expect(d).toMatchObject({ direction: 'up', sentiment: 'bad', text: '+9.5%' });
    }
    expect(headlineDelta(h('incidents', 'count', 19, 21))).toMatchObject({ direction: 'down', sentiment: 'good', text: '−9.5%' });
  });

  it('reads more merged PRs and a higher NPS as good', () => {
    expect(headlineDelta(h('mergedPrs', 'count', 1212, 1188))).toMatchObject({ direction: 'up', sentiment: 'good', text: '+2.0%' });
    expect(headlineDelta(h('nps', 'score', 26, 29))).toMatchObject({ direction: 'down', sentiment: 'bad', text: '−3 pts' });
  });

  it('treats AI share as neither good nor bad and shows percentage points', () => {
    expect(headlineDelta(h('aiShare', 'share', 0.409, 0.393))).toMatchObject({ direction: 'up', sentiment: 'neutral', text: '+1.6 pp' });
  });

  it('is flat when the change rounds to zero at display precision', () => {
    expect(headlineDelta(h('incidents', 'count', 1000, 1000.4))).toMatchObject({ direction: 'flat', sentiment: 'neutral', text: '±0%' });
    expect(headlineDelta(h('nps', 'score', 30.2, 30))).toMatchObject({ direction: 'flat', text: '±0 pts' });
  });

  it('uses an absolute change when the previous month was zero', () => {
    expect(headlineDelta(h('incidents', 'count', 3, 0))).toMatchObject({ direction: 'up', sentiment: 'bad', text: '+3' });
  });

  it('has nothing to compare when either month is missing', () => {
    const d = headlineDelta(h('nps', 'score', 30, null));
    expect(d.text).toBe('');
    expect(d.description).toBe('No comparison with Sep 2026.');
  });

  it('describes the change in words for screen readers', () => {
    expect(headlineDelta(h('incidents', 'count', 23, 21)).description).toBe('Up 9.5% vs Sep 2026 (worse).');
  });
});

describe('formatHeadlineValue', () => {
  it('formats by unit', () => {
    expect(formatHeadlineValue({ unit: 'count', value: 1212 })).toBe('1,212');
    expect(formatHeadlineValue({ unit: 'share', value: 0.409 })).toBe('40.9%');
    expect(formatHeadlineValue({ unit: 'score', value: 26.4 })).toBe('26');
    expect(formatHeadlineValue({ unit: 'score', value: null })).toBe('–');
  });
});
