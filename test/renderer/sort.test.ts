import { describe, expect, it } from 'vitest';
import { sortRows } from '../../renderer/src/lib/sort';

describe('sortRows', () => {
  const rows = [
    { name: 'Search', ai: 0.2 },
    { name: 'data', ai: null },
    { name: 'Checkout', ai: 0.5 },
  ];
  it('sorts numbers either way with missing values last', () => {
    expect(sortRows(rows, 'ai', 'desc').map((r) => r.name)).toEqual(['Checkout', 'Search', 'data']);
    expect(sortRows(rows, 'ai', 'asc').map((r) => r.name)).toEqual(['Search', 'Checkout', 'data']);
  });
  it('sorts names case-insensitively without mutating the input', () => {
    expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual(['Checkout', 'data', 'Search']);
    expect(rows[0]!.name).toBe('Search');
  });
});
