/**
 * Deciding a claim lhs ≤ A + B·w against an evidence pool (docs/theory.md §0.1), and the
 * exit status a set of results maps to.
 *
 * `fails`: a sample violates the claim beyond the error bounds of both sides, and still does
 * when re-evaluated precisely (refine.ts): that sample is the counterexample.
 * `holds`: no sample does. Where lhs is a Lanczos Hessian norm, its certain lower end decides
 * `fails`, and its probabilistic upper end must also be below the claim for `holds`
 * (core/krylov.ts); a sample whose interval straddles the claim is re-evaluated with a longer
 * Lanczos run, and if it still straddles, the claim is `inconclusive` (cause `tolerance`).
 */
import { krylovUpper } from '../core/krylov.ts';
import { tolOf } from './estimate.ts';
import type { ConditionDef, Sample } from './model.ts';
import type { Pool } from './pool.ts';
import { refineSample, type Precise } from './refine.ts';
import type { CheckReport, Counterexample } from './result.ts';
import type { Mode } from './spec.ts';

/** The joint confidence of all the Lanczos upper ends behind one result. */
export const KRYLOV_CONFIDENCE = 0.999;

export type ClaimOutcome =
  | { verdict: 'fails'; counterexample: Counterexample; dismissed: number; margin: number }
  | { verdict: 'holds'; dismissed: number; margin: number; maxRelativeWidth?: number }
  | { verdict: 'undecided'; dismissed: number; margin: number; at: number; lower: number; upper: number; rhs: number };

const violation = (s: Sample, m: Mode) => s.lhs - (m.A + m.B * s.w);

/** The per-sample failure probability of Lanczos upper ends, so that they hold jointly with KRYLOV_CONFIDENCE. */
export function krylovDelta(pool: Pool): number {
  return (1 - KRYLOV_CONFIDENCE) / Math.max(1, pool.krylov.size);
}

export function decideClaim(
  pool: Pool,
  def: ConditionDef,
  mode: Mode,
  precise: Precise,
  point: (i: number) => { x: number[]; y: number[] | null },
): ClaimOutcome {
  let dismissed = 0;
  // 1. Candidates beyond their error bounds, the clearest first: by how many times the violation
  //    exceeds its own tolerance, so the counterexample is one no rounding could explain.
  const cand: number[] = [];
  const clear: number[] = [];
  for (let i = 0; i < pool.count; i++) {
    if (pool.isDropped(i)) continue;
    const s = pool.sample(i);
    const v = violation(s, mode),
      tol = tolOf(s, mode.A, mode.B);
    if (v > tol) {
      cand.push(i);
      clear[i] = (v - tol) / tol;
    }
  }
  cand.sort((a, b) => clear[b] - clear[a]);
  const confirm = (i: number): Counterexample | null => {
    if (!refineSample(pool, i, precise)) return null;
    const s = pool.sample(i);
    const v = violation(s, mode),
      tol = tolOf(s, mode.A, mode.B);
    if (!(v > tol)) return null;
    const shown = def.display ? def.display(s, mode.A, mode.B) : { lhs: s.lhs, rhs: mode.A + mode.B * s.w };
    return { ...point(i), lhs: shown.lhs, rhs: shown.rhs, w: s.w, margin: v, tolerance: tol, recheck: precise.how };
  };
  for (const i of cand.slice(0, 32)) {
    const c = confirm(i);
    if (c) return { verdict: 'fails', counterexample: c, dismissed, margin: marginOf(pool, mode) };
    dismissed++;
  }
  // 2. Lanczos upper ends: every Hessian norm's interval must lie below the claim. Samples whose
  //    interval straddles it are re-evaluated (dense up to n = 200, long Lanczos runs above).
  let maxRel = 0;
  for (let round = 0; ; round++) {
    const delta = krylovDelta(pool);
    const straddling: number[] = [];
    for (const [i, b] of pool.krylov) {
      if (pool.isDropped(i)) continue;
      const s = pool.sample(i);
      if (krylovUpper(b, delta) + s.lhsErr > mode.A + mode.B * (s.w + s.wErr)) straddling.push(i);
    }
    if (straddling.length === 0) break;
    straddling.sort((a, b) => violation(pool.sample(b), mode) - violation(pool.sample(a), mode));
    if (round === 3) {
      const i = straddling[0];
      const s = pool.sample(i);
      return {
        verdict: 'undecided',
        dismissed,
        margin: marginOf(pool, mode),
        at: i,
        lower: s.lhs,
        upper: krylovUpper(pool.krylov.get(i)!, delta),
        rhs: mode.A + mode.B * s.w,
      };
    }
    for (const i of straddling.slice(0, 64)) {
      pool.verified.delete(i);
      const c = confirm(i);
      if (c) return { verdict: 'fails', counterexample: c, dismissed, margin: marginOf(pool, mode) };
    }
  }
  const delta = krylovDelta(pool);
  for (const [i, b] of pool.krylov) {
    if (pool.isDropped(i) || !(b.lower > 0)) continue;
    const s = pool.sample(i);
    // Only the samples that came close matter for how wide the decisive intervals were.
    if (violation(s, mode) > -0.5 * Math.abs(mode.A + mode.B * s.w))
      maxRel = Math.max(maxRel, (krylovUpper(b, delta) - b.lower) / b.lower);
  }
  return {
    verdict: 'holds',
    dismissed,
    margin: marginOf(pool, mode),
    maxRelativeWidth: pool.krylov.size > 0 ? maxRel : undefined,
  };
}

/** Smallest rhs − lhs over the live samples. */
export function marginOf(pool: Pool, mode: Mode): number {
  let m = Infinity;
  for (let i = 0; i < pool.count; i++) {
    if (pool.isDropped(i)) continue;
    m = Math.min(m, mode.A + mode.B * pool.w[i] - pool.lhs[i]);
  }
  return m;
}

/** A `holds` says what it rests on: a 95 % upper confidence bound on the violating fraction (the rule of three, exact). */
export function coverageOf(uniform: number, evidence: number) {
  const confidence = 0.95;
  const p = uniform > 0 ? 1 - Math.pow(1 - confidence, 1 / uniform) : 1;
  const pct = (v: number) => `${Number((100 * v).toPrecision(2))} %`;
  return {
    uniformSamples: uniform,
    evidence,
    confidence,
    violatingFractionBelow: p,
    statement:
      uniform > 0
        ? `no violation in ${evidence} evaluations (${uniform} of them uniform on the domain): with 95 % confidence the claim fails on less than ${pct(p)} of the domain's uniform measure; violations on smaller sets were searched for, not excluded`
        : `no violation in ${evidence} evaluations (none of them uniform on the domain): nothing is said about the fraction of the domain where the claim fails`,
  };
}

/**
 * docs/contract.md's exit status: 1 if a claim fails; else 3 if the objective failed (undefined
 * everywhere, overflowing where a claim was checked); else 5 if a claim is inconclusive for
 * another reason (the time limit, an undecided Hessian-norm interval); else 0.
 */
export function checkExitCode(report: Pick<CheckReport, 'results'>): number {
  const rs = report.results;
  if (rs.some((r) => r.verdict === 'fails')) return 1;
  if (rs.some((r) => r.verdict === 'inconclusive' && (r.cause === 'objective' || r.cause === 'overflow'))) return 3;
  if (rs.some((r) => r.verdict === 'inconclusive' && r.cause !== 'usage' && r.asked === 'claim')) return 5;
  return 0;
}
