/**
 * Wald intervals and tests with team-cluster-robust standard errors, for the checks that do not
 * bootstrap (event study, lagged association). With G teams the critical values come from Student's
 * t with G − 1 degrees of freedom, the usual few-clusters correction (Cameron & Miller, "A
 * practitioner's guide to cluster-robust inference", J. Human Resources 50(2), 2015).
 */
import { chiSquareSurvival, studentTQuantile } from '../stats/distributions';
import type { Interval90 } from '../../shared/domain';
import { Matrix, inverse } from 'ml-matrix';

export function robustInterval(coefficient: number, se: number, clusters: number): Interval90 | null {
  if (!Number.isFinite(coefficient) || !Number.isFinite(se) || clusters < 2) return null;
  const t = studentTQuantile(0.95, clusters - 1);
  return [Math.exp(coefficient - t * se), Math.exp(coefficient + t * se)];
}

/** Joint Wald test that the coefficients `terms` are all 0: p-value of bᵀV⁻¹b against χ²(k). */
export function jointWaldPValue(coefficients: ArrayLike<number>, covariance: readonly ArrayLike<number>[], terms: readonly number[]): number | null {
  const usable = terms.filter((k) => Number.isFinite(coefficients[k]!) && Number.isFinite(covariance[k]![k]!) && covariance[k]![k]! > 0);
  if (usable.length === 0) return null;
  const V = new Matrix(usable.map((k) => usable.map((l) => covariance[k]![l]!)));
  let Vinv: Matrix;
  try {
    Vinv = inverse(V);
  } catch {
    return null;
  }
  const b = Matrix.columnVector(usable.map((k) => coefficients[k]!));
  const stat = b.transpose().mmul(Vinv).mmul(b).get(0, 0);
  if (!Number.isFinite(stat)) return null;
  return chiSquareSurvival(Math.max(0, stat), usable.length);
}
