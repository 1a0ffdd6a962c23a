/**
 * Design matrices for the count models (product.md §7), stored sparsely: a panel model's rows have a
 * handful of non-zero entries (an intercept or a team, one month dummy, three AI-share lags) among
 * ~140 columns, so the normal equations are accumulated from the non-zeros only.
 *
 * One factor may be *absorbed*: it gets one dummy per level (no reference level and no intercept —
 * the same model as an intercept plus levels−1 dummies, reparametrised), and the solver eliminates
 * its block of the normal equations, which is diagonal, before the dense solve (see poisson-glm.ts).
 * That is how team fixed effects stay cheap with a hundred teams.
 */

export interface AbsorbedFactor {
  name: string;
  levels: readonly string[];
  /** Level of each row (0-based). */
  index: Int32Array;
}

export interface Design {
  n: number;
  /** Names of the explicit columns (coefficients are reported in this order). */
  columns: readonly string[];
  /** CSR layout: row i's entries are col/value[rowStart[i] .. rowStart[i + 1]). */
  rowStart: Int32Array;
  col: Int32Array;
  value: Float64Array;
  absorbed: AbsorbedFactor | null;
}

export interface FactorSpec {
  name: string;
  levels: readonly string[];
  /** Level of each row (0-based); −1 = none of the levels (all dummies 0). */
  index: ArrayLike<number>;
  /** Level left out as the reference (its rows get no dummy); null keeps every level. */
  reference: number | null;
}

export interface DenseSpec {
  name: string;
  values: ArrayLike<number>;
}

export interface DesignSpec {
  n: number;
  intercept?: boolean;
  /** Dummy-coded factors (month fixed effects, event-time bins). */
  factors?: readonly FactorSpec[];
  /** Numeric covariates. */
  dense?: readonly DenseSpec[];
  /** A factor absorbed into the solve (team fixed effects). Use without an intercept. */
  absorbed?: AbsorbedFactor | null;
}

/** Build a sparse design: columns are the intercept, then each factor's dummies, then the dense covariates. */
export function buildDesign(spec: DesignSpec): Design {
  const { n } = spec;
  if (spec.intercept && spec.absorbed) throw new Error('buildDesign: an absorbed factor already contains the intercept');
  const columns: string[] = [];
  if (spec.intercept) columns.push('(intercept)');
  const factorColumn: Int32Array[] = [];
  for (const f of spec.factors ?? []) {
    if (f.index.length !== n) throw new Error(`buildDesign: factor ${f.name} has ${f.index.length} rows, expected ${n}`);
    const map = new Int32Array(f.levels.length).fill(-1);
    f.levels.forEach((level, i) => {
      if (i === f.reference) return;
      map[i] = columns.length;
      columns.push(`${f.name}[${level}]`);
    });
    factorColumn.push(map);
  }
  const denseStart = columns.length;
  for (const d of spec.dense ?? []) {
    if (d.values.length !== n) throw new Error(`buildDesign: column ${d.name} has ${d.values.length} rows, expected ${n}`);
    columns.push(d.name);
  }
  if (spec.absorbed && spec.absorbed.index.length !== n) throw new Error('buildDesign: absorbed factor length differs from n');

  // Count non-zeros, then fill (two passes keep the arrays exact-sized).
  const rowStart = new Int32Array(n + 1);
  const factors = spec.factors ?? [];
  const dense = spec.dense ?? [];
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = nnz;
    if (spec.intercept) nnz++;
    for (let f = 0; f < factors.length; f++) {
      const level = factors[f]!.index[i]!;
      if (level >= 0 && factorColumn[f]![level]! >= 0) nnz++;
    }
    for (const d of dense) if (d.values[i] !== 0) nnz++;
  }
  rowStart[n] = nnz;
  const col = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < n; i++) {
    if (spec.intercept) {
      col[at] = 0;
      value[at++] = 1;
    }
    for (let f = 0; f < factors.length; f++) {
      const level = factors[f]!.index[i]!;
      const c = level >= 0 ? factorColumn[f]![level]! : -1;
      if (c >= 0) {
        col[at] = c;
        value[at++] = 1;
      }
    }
    for (let d = 0; d < dense.length; d++) {
      const v = dense[d]!.values[i]!;
      if (v !== 0) {
        if (!Number.isFinite(v)) throw new Error(`buildDesign: column ${dense[d]!.name} row ${i} is not finite`);
        col[at] = denseStart + d;
        value[at++] = v;
      }
    }
  }
  return { n, columns, rowStart, col, value, absorbed: spec.absorbed ?? null };
}

/** Column index by name (throws on an unknown name: a typo must not silently drop a prior). */
export function columnIndex(design: Design, name: string): number {
  const i = design.columns.indexOf(name);
  if (i < 0) throw new Error(`unknown design column "${name}" (columns: ${design.columns.join(', ')})`);
  return i;
}

/** The design as a dense row-major matrix of the explicit columns (tests and small problems). */
export function denseRows(design: Design): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < design.n; i++) {
    const row = new Array<number>(design.columns.length).fill(0);
    for (let e = design.rowStart[i]!; e < design.rowStart[i + 1]!; e++) row[design.col[e]!] = design.value[e]!;
    rows.push(row);
  }
  return rows;
}
