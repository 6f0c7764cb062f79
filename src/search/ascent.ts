/**
 * Projected gradient ascent on a statistic in the full space (docs/theory.md §0.2): the
 * search that scales with the dimension. The statistic's gradient in z comes with each
 * evaluation (the context's tangents), so one step costs a few Hessian-vector products
 * whatever n is, where a derivative-free search would need O(n) evaluations per step.
 *
 * Steps are accepted only when the score increases (backtracking; the step grows after a
 * success), every iterate is projected into the domain, and every evaluation the ascent makes
 * is kept by the caller, so nothing it sees is lost.
 */
export interface AscentEval {
  /** The score at z and its gradient (null when undefined there or no gradient is available). */
  (z: Float64Array): { score: number; grad: Float64Array | null } | null;
}

export interface AscentOptions {
  /** Accepted steps at most. */
  iters: number;
  /** Evaluations at most (accepted or not). */
  budget: number;
  /** First move, in units of the domain's width, along the direction of largest |∂|. */
  width: number;
  project(z: Float64Array): void;
}

export function ascend(
  f: AscentEval,
  z0: Float64Array,
  o: AscentOptions,
): { z: Float64Array; score: number; evaluations: number } {
  let z = Float64Array.from(z0);
  o.project(z);
  let cur = f(z);
  let evals = 1;
  if (!cur || !Number.isFinite(cur.score) || !cur.grad)
    return { z, score: cur?.score ?? -Infinity, evaluations: evals };
  let gmax = 0;
  for (const v of cur.grad) gmax = Math.max(gmax, Math.abs(v));
  if (!(gmax > 0)) return { z, score: cur.score, evaluations: evals };
  let step = (0.05 * o.width) / gmax;
  const cand = new Float64Array(z.length);
  for (let it = 0; it < o.iters && evals < o.budget; it++) {
    const g = cur.grad;
    if (!g) break;
    let accepted = false;
    for (let bt = 0; bt < 10 && evals < o.budget; bt++) {
      for (let i = 0; i < z.length; i++) cand[i] = z[i] + step * g[i];
      o.project(cand);
      let moved = 0;
      for (let i = 0; i < z.length; i++) moved = Math.max(moved, Math.abs(cand[i] - z[i]));
      if (!(moved > 1e-15 * (1 + o.width))) break;
      const next = f(cand);
      evals++;
      if (next && Number.isFinite(next.score) && next.score > cur.score) {
        z = Float64Array.from(cand);
        cur = next;
        step *= 1.8;
        accepted = true;
        break;
      }
      step *= 0.25;
    }
    if (!accepted || !cur.grad) break;
  }
  return { z, score: cur.score, evaluations: evals };
}
