/**
 * f(x) = ½xᵀDx + ¼‖x‖⁴, D = diag(−γ, 1, …, 1) (theory.md §g5.1).
 * ∇f = Dx + ‖x‖²x; ∇²f = D + ‖x‖²I + 2xxᵀ. Strict saddle at 0 (λmin = −γ),
 * minima ±√γ·e1, f* = −γ²/4.
 */
import type { BuiltinDef } from '../objective.ts';

export const quarticSaddle: BuiltinDef = {
  name: 'quartic-saddle',
  doc: '½xᵀDx + ¼‖x‖⁴ with D = diag(−γ, 1, …, 1): strict saddle at 0, minima ±√γ·e1, f* = −γ²/4',
  params: [
    { name: 'd', default: 10, kind: 'int', min: 1, max: 10000000, doc: 'dimension' },
    { name: 'gamma', default: 1, kind: 'num', gt: 0, doc: 'negative curvature at the saddle' },
  ],
  make(p) {
    const d = p.d as number, g = p.gamma as number;
    const xstar = new Float64Array(d);
    xstar[0] = Math.sqrt(g);
    const sq = (x: Float64Array) => { let s = 0; for (let i = 0; i < d; i++) s += x[i] * x[i]; return s; };
    return {
      name: `builtin:quartic-saddle?d=${d}&gamma=${g}`,
      dim: d,
      value(x) {
        const s = sq(x);
        return 0.5 * (s - (1 + g) * x[0] * x[0]) + 0.25 * s * s;
      },
      grad(x, out) {
        const s = sq(x);
        for (let i = 0; i < d; i++) out[i] = (1 + s) * x[i];
        out[0] -= (1 + g) * x[0];
        return 0.5 * (s - (1 + g) * x[0] * x[0]) + 0.25 * s * s;
      },
      hvp(x, v, out) {
        const s = sq(x);
        let xv = 0;
        for (let i = 0; i < d; i++) xv += x[i] * v[i];
        for (let i = 0; i < d; i++) out[i] = (1 + s) * v[i] + 2 * xv * x[i];
        out[0] -= (1 + g) * v[0];
      },
      hessian(x, out) {
        const s = sq(x);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * d + j] = 2 * x[i] * x[j] + (i === j ? 1 + s : 0);
        out[0] -= 1 + g;
      },
      fstar: -(g * g) / 4,
      xstar,
    };
  },
};
