/**
 * The optimizer run of an assumption report: the classic (L0,L1) step under the constants the
 * check estimated, and the decrease the theory guarantees along it (docs/theory.md §a4.2).
 */
import { expm1MinusU } from '../core/special.ts';
import type { CheckReport } from '../conditions/result.ts';
import type { Objective } from '../objectives/objective.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import type { RunSection } from '../report/report.ts';

/**
 * The default run: the classic (L0,L1) step x − ∇f/(L0 + L1‖∇f‖) (smoothed clipping,
 * docs/theory.md §b3) with a pair from the estimated frontier, and the bound the exponential
 * descent lemma gives along it: each step decreases f by at least
 * (g/L1)·(s − φ(s)/s), s = L1·g/(L0 + L1·g), φ(s) = eˢ − s − 1 (g²/(2L0) when L1 = 0).
 */
export function defaultRun(
  obj: Objective,
  check: CheckReport,
  iters: number,
  seed: number | string,
  box: [number, number],
): RunSection | { note: string } {
  const l = check.results.find((r) => r.condition === 'l0l1' && Array.isArray(r.estimate.frontier));
  const fr = (l?.estimate.frontier ?? []) as { L1: number; L0: number }[];
  const finite = fr.filter((p) => typeof p.L0 === 'number' && typeof p.L1 === 'number' && p.L0 > 0);
  if (finite.length === 0)
    return { note: 'no finite (L0, L1) with L0 > 0 was estimated, so no default run; pass --method' };
  const pick = finite[Math.floor((finite.length - 1) / 2)];
  const { L0, L1 } = pick;
  const spec = L1 > 0 ? `precond-gd:gamma=${1 / L1},lambda=${L1 / L0},kernel=smooth-clip` : `gd:gamma=${1 / L0}`;
  const { def, params } = parseMethodSpec(spec);
  const result = optimize(obj, def, params, { iters, seed, recordEvery: 1, box });
  const values: number[] = [];
  let b = result.trace[0].f;
  for (const p of result.trace) {
    values.push(b);
    const g = p.gradNorm;
    if (L1 > 0) {
      const s = (L1 * g) / (L0 + L1 * g);
      b -= s > 0 ? (g / L1) * (s - expm1MinusU(s) / s) : 0;
    } else b -= (g * g) / (2 * L0);
  }
  return {
    result,
    fstar: check.fstar?.source !== 'estimated' ? check.fstar?.value : undefined,
    bound: {
      label: `guaranteed decrease under (L0, L1) = (${Number(L0.toPrecision(4))}, ${Number(L1.toPrecision(4))}), exponential descent lemma`,
      values,
    },
  };
}
