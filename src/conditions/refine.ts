/**
 * Re-evaluating the samples a result rests on (docs/theory.md §0.3). An estimate is set by
 * one sample (its attaining sample, or a frontier's vertices), and a zero-weight sample can
 * make a constant unbounded (or 0) on its own; a double evaluation there may have no correct
 * digit (f − f* near a minimiser, a gradient that cancels to exactly 0 on a residual's zero
 * set). So those samples are evaluated again, more precisely — in 64-digit arithmetic from the
 * symbolic form for expr: objectives, otherwise in doubles with the objective's own rounding
 * noise in the error bounds, dense Hessians up to n = 200 and long Lanczos runs above — and
 * the pool keeps the precise values; a sample that is undefined on re-evaluation is dropped.
 * The estimate is then recomputed, until the samples it rests on have all been re-evaluated.
 */
import type { ConditionDef, Params, Sample } from './model.ts';
import type { Pool } from './pool.ts';

export interface Precise {
  evaluate(z: Float64Array): Sample | null;
  how: 'bignumber-64' | 'float64-error-bounded';
}

/** Re-evaluate sample i precisely, merge what is known, and mark it verified. Returns false if dropped. */
export function refineSample(pool: Pool, i: number, precise: Precise): boolean {
  if (pool.verified.has(i) || pool.isDropped(i)) return !pool.isDropped(i);
  pool.verified.add(i);
  const s = precise.evaluate(pool.z(i));
  if (!s || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
    pool.drop(i);
    return false;
  }
  // Two Lanczos runs are both certain lower bounds: keep the larger.
  const old = pool.krylov.get(i);
  if (old && s.krylov && old.lower > s.krylov.lower) {
    s.krylov = { ...s.krylov, lower: old.lower };
    s.lhs = old.lower;
  }
  pool.set(i, s);
  return true;
}

/**
 * Recompute `attaining` and re-evaluate what it returns until every index it returns has been
 * re-evaluated, or `max` re-evaluations are spent. Returns the number spent.
 */
export function refineUntilStable(pool: Pool, attaining: () => number[], precise: Precise, max = 64): number {
  let spent = 0;
  for (let round = 0; round < 32 && spent < max; round++) {
    const todo = attaining().filter((i) => i >= 0 && !pool.verified.has(i) && !pool.isDropped(i));
    if (todo.length === 0) break;
    for (const i of todo) {
      if (spent >= max) break;
      refineSample(pool, i, precise);
      spent++;
    }
  }
  return spent;
}

/** A precise evaluator from a condition and a precise context. */
export function preciseEvaluator(
  def: ConditionDef,
  shape: Params,
  ctx: Parameters<ConditionDef['evaluate']>[0],
  how: Precise['how'],
): Precise {
  return { evaluate: (z) => def.evaluate(ctx, z, shape), how };
}
