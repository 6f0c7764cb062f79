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
import { krylovDeltaFor, krylovUpper } from '../core/krylov.ts';
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
  | {
      verdict: 'holds';
      dismissed: number;
      margin: number;
      /** 1 − Σ δ_i over the Lanczos samples. */ confidence?: number;
    }
  | {
      verdict: 'undecided';
      dismissed: number;
      margin: number;
      at: number;
      lower: number;
      upper: number;
      rhs: number;
      /** Samples whose interval still contains the claimed bound. */
      count: number;
    };

/**
 * Samples re-evaluated at most to settle Lanczos intervals that straddle a claim: enough for
 * every sample an ascent leaves on the boundary of an exactly tight claim (the time limit, when
 * given, still applies).
 */
const MAX_REFINE = 100_000;

const violation = (s: Sample, m: Mode) => s.lhs - (m.A + m.B * s.w);

export function decideClaim(
  pool: Pool,
  def: ConditionDef,
  mode: Mode,
  precise: Precise,
  point: (i: number) => { x: number[]; y: number[] | null },
  deadline?: number,
  /** A cheaper tightening of Lanczos intervals tried before `precise` (a longer run from another start). */
  medium?: Precise,
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
  // 2. Lanczos upper ends. Each Lanczos sample's statement "‖∇²f‖ ≤ rhs" fails with the smallest
  //    probability δ_i at which its interval's upper end is below rhs (core/krylov.ts); together
  //    they fail with probability at most Σ δ_i (a union bound), which must stay below
  //    1 − KRYLOV_CONFIDENCE. The costliest statements are re-evaluated precisely (dense up to
  //    n = 200, a long Lanczos run above) until the sum is small enough.
  const costs = () => {
    const out: { i: number; d: number }[] = [];
    for (const [i, b] of pool.krylov) {
      if (pool.isDropped(i)) continue;
      const s = pool.sample(i);
      out.push({ i, d: krylovDeltaFor(b, mode.A + mode.B * (s.w + s.wErr) - s.lhsErr) });
    }
    return out.sort((a, b) => b.d - a.d);
  };
  const budget = 1 - KRYLOV_CONFIDENCE;
  let c = costs();
  let total = c.reduce((t, x) => t + x.d, 0);
  for (let spent = 0; total > budget && spent < MAX_REFINE;) {
    if (deadline !== undefined && performance.now() > deadline) break;
    const batch = c.slice(0, 64).map((x) => x.i);
    for (const i of batch) {
      // First a moderately longer Lanczos run (cheap above n = 200, where the precise one is long);
      // the precise re-evaluation only if the sample still costs too much.
      if (medium && pool.krylov.has(i)) {
        const s = medium.evaluate(pool.z(i));
        const old = pool.krylov.get(i)!;
        if (s && s.krylov && Number.isFinite(s.lhs)) {
          if (old.lower > s.krylov.lower) s.krylov = { ...s.krylov, lower: old.lower };
          s.lhs = s.krylov.lower;
          pool.set(i, s);
          const b = pool.krylov.get(i)!;
          const need = mode.A + mode.B * (s.w + s.wErr) - s.lhsErr;
          if (krylovDeltaFor(b, need) <= budget / Math.max(1, pool.krylov.size)) {
            spent++;
            continue;
          }
        }
      }
      pool.verified.delete(i);
      const ce = confirm(i);
      if (ce) return { verdict: 'fails', counterexample: ce, dismissed, margin: marginOf(pool, mode) };
      spent++;
    }
    c = costs();
    total = c.reduce((t, x) => t + x.d, 0);
    // Re-evaluation cannot tighten these any further (a long Lanczos run above n = 200): stop.
    const stuck = batch.every((i) => {
      const x = c.find((y) => y.i === i);
      return x !== undefined && x.d > budget / batch.length;
    });
    if (stuck) break;
  }
  if (total > budget) {
    const { i } = c[0];
    const s = pool.sample(i);
    return {
      verdict: 'undecided',
      dismissed,
      margin: marginOf(pool, mode),
      at: i,
      lower: s.lhs,
      upper: krylovUpper(pool.krylov.get(i)!, budget),
      rhs: mode.A + mode.B * s.w,
      count: c.filter((x) => x.d > budget / 10).length,
    };
  }
  return {
    verdict: 'holds',
    dismissed,
    margin: marginOf(pool, mode),
    confidence: pool.krylov.size > 0 ? 1 - total : undefined,
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
export function coverageOf(
  uniform: number,
  evidence: number,
  finite?: { size: number; kind: 'point' | 'pair' } | false,
) {
  const confidence = 0.95;
  if (finite)
    return {
      uniformSamples: 0,
      evidence,
      confidence: 1,
      violatingFractionBelow: 0,
      exhaustive: true,
      statement: `the claim holds at every one of the ${finite.size} ${finite.kind === 'pair' ? 'pairs of consecutive points' : 'points'} of the finite domain: exhaustive`,
    };
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
