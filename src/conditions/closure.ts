/**
 * Closure properties of curvature-bounded-by-gap (K0, K1) (docs/theory.md §c2), predicted
 * beside measured. For expr: objectives f (and g) in one variable block:
 *   scaling c·f:          K0(c·f; K1) = c·K0(f; K1)
 *   affine f(s·x + b):    K0(f∘A; s²K1) = s²·K0(f; K1) on the image box
 *   sum f + g:            K0(f + g; K1) ≤ K0(f; K1) + K0(g; K1) + K1·δ,  δ = (f+g)* − f* − g* ≥ 0
 * (the first two are identities for the tightest constants, the last an upper bound).
 * Each constant is measured by the checker with the same seed and sample count.
 */
import { exprObjective } from '../objectives/expr.ts';
import { checkObjective } from './../conditions/check.ts';
import { estimateFstar } from './../search/fstar.ts';
import { parseConditionSpec } from './../conditions/spec.ts';
import { Rng } from '../core/rng.ts';

export interface ClosureRow {
  rule: 'scaling' | 'affine' | 'sum';
  objective: string;
  K1: number;
  predictedK0: number;
  measuredK0: number;
  /** 'identity': predicted is exact; 'upper-bound': measured must not exceed it. */
  kind: 'identity' | 'upper-bound';
}

interface Opts {
  box: [number, number];
  seed: number;
  samples: number;
}

function fstarOf(src: string, box: [number, number], seed: number): number {
  const obj = exprObjective(src).objective;
  return estimateFstar(obj, box, new Rng(seed, 'closure'), 8, []).value;
}

function k0(src: string, K1: number, fstar: number, o: Opts): number {
  const obj = exprObjective(src).objective;
  const r = checkObjective(obj, [parseConditionSpec(`curvature-gap:K1=${K1}`)], { ...o, fstar });
  return r.results[0].estimate.K0 as number;
}

export function scalingRow(f: string, c: number, K1: number, o: Opts): ClosureRow {
  const fs = fstarOf(f, o.box, o.seed);
  const base = k0(f, K1, fs, o);
  return {
    rule: 'scaling',
    objective: `${c}*(${f})`,
    K1,
    predictedK0: c * base,
    measuredK0: k0(`${c}*(${f})`, K1, c * fs, o),
    kind: 'identity',
  };
}

/** One-variable affine map x ↦ s·x + b (f in the variable x). */
export function affineRow(f: string, s: number, b: number, K1: number, o: Opts): ClosureRow {
  const image: [number, number] = [
    Math.min(s * o.box[0] + b, s * o.box[1] + b),
    Math.max(s * o.box[0] + b, s * o.box[1] + b),
  ];
  const fs = fstarOf(f, image, o.seed);
  const base = k0(f, K1, fs, { ...o, box: image });
  const composed = f.replace(/\bx\b/g, `(${s}*x + ${b})`);
  return {
    rule: 'affine',
    objective: composed,
    K1: s * s * K1,
    predictedK0: s * s * base,
    measuredK0: k0(composed, s * s * K1, fs, o),
    kind: 'identity',
  };
}

export function sumRow(f: string, g: string, K1: number, o: Opts): ClosureRow {
  const ff = fstarOf(f, o.box, o.seed),
    fg = fstarOf(g, o.box, o.seed);
  const sum = `(${f}) + (${g})`;
  const fsum = fstarOf(sum, o.box, o.seed);
  const delta = Math.max(0, fsum - ff - fg);
  const predicted = k0(f, K1, ff, o) + k0(g, K1, fg, o) + K1 * delta;
  return {
    rule: 'sum',
    objective: sum,
    K1,
    predictedK0: predicted,
    measuredK0: k0(sum, K1, fsum, o),
    kind: 'upper-bound',
  };
}
