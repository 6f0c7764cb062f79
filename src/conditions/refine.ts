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
  /**
   * Told the points a round of refineUntilStable is about to re-evaluate, in order, before it asks
   * for them (check.ts has them evaluated on the workers first).
   */
  ahead?(zs: Float64Array[]): void;
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
 * Re-evaluate the samples an estimate rests on until they are all re-evaluated: `ranked(k)`
 * returns the k most decisive samples (the attaining one first). Each round re-evaluates the
 * unverified ones among the top k, k doubling (1, 2, 4, ...), so a cluster of samples read with
 * the same cancellation (every point near a minimiser, say) is cleared in a few rounds, until the
 * attaining sample has been re-evaluated, or `max` re-evaluations are spent. Returns the number spent.
 */
export function refineUntilStable(pool: Pool, ranked: (k: number) => number[], precise: Precise, max = 1024): number {
  let spent = 0;
  for (let k = 1; spent < max; k = Math.min(2 * k, 256)) {
    // Done when everything the estimate rests on (ranked(1)) has been re-evaluated.
    const must = ranked(1).filter((i) => i >= 0 && !pool.isDropped(i));
    if (must.every((i) => pool.verified.has(i))) break;
    const top = ranked(k).filter((i) => i >= 0 && !pool.isDropped(i));
    // The round's re-evaluations are independent of each other: the top k was chosen before them.
    const todo = top.filter((i) => !pool.verified.has(i)).slice(0, max - spent);
    precise.ahead?.(todo.map((i) => pool.z(i)));
    for (const i of todo) {
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
