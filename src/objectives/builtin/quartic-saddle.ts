/**
 * f(x) = ½xᵀDx + ¼‖x‖⁴, D = diag(−γ, 1, …, 1) (docs/theory.md §g5.1).
 * ∇f = Dx + ‖x‖²x; ∇²f = D + ‖x‖²I + 2xxᵀ. Strict saddle at 0 (λmin = −γ),
 * minima ±√γ·e1, f* = −γ²/4.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';

export const quarticSaddle: BuiltinDef = {
  name: 'quartic-saddle',
  doc: '½xᵀDx + ¼‖x‖⁴ with D = diag(−γ, 1, …, 1): strict saddle at 0, minima ±√γ·e1, f* = −γ²/4',
  params: [
    { name: 'd', default: 10, kind: 'int', min: 1, max: 10000000, doc: 'dimension' },
    { name: 'gamma', default: 1, kind: 'num', gt: 0, doc: 'negative curvature at the saddle' },
    {
      name: 'n',
      default: 0,
      kind: 'int',
      min: 0,
      max: 100000,
      doc: 'samples of a finite sum f_i = f + σ⟨ξ_i, x⟩ with Σ ξ_i = 0 (0: none)',
    },
    { name: 'noise', default: 0.01, kind: 'num', min: 0, doc: 'σ of the finite sum' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed (the ξ_i)' },
  ],
  make(p) {
    const d = p.d as number,
      g = p.gamma as number,
      ns = p.n as number,
      sigma = p.noise as number;
    const xstar = new Float64Array(d);
    xstar[0] = Math.sqrt(g);
    const sq = (x: Float64Array) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += x[i] * x[i];
      return s;
    };
    // Centred Gaussian ξ_i: the samples average to f exactly, their gradients are noisy.
    let Xi: Float64Array | null = null;
    if (ns > 0) {
      if (ns * d > 5e8) throw new RangeError(`n·d = ${ns * d} is too large (limit 5e8)`);
      Xi = new Rng(p.seed as number, 'quartic-saddle').fillNormal(new Float64Array(ns * d));
      for (let j = 0; j < d; j++) {
        let m = 0;
        for (let i = 0; i < ns; i++) m += Xi[i * d + j];
        m /= ns;
        for (let i = 0; i < ns; i++) Xi[i * d + j] -= m;
      }
    }
    const base = (x: Float64Array, out: Float64Array | null) => {
      const s = sq(x);
      if (out) {
        for (let i = 0; i < d; i++) out[i] = (1 + s) * x[i];
        out[0] -= (1 + g) * x[0];
      }
      return 0.5 * (s - (1 + g) * x[0] * x[0]) + 0.25 * s * s;
    };
    const finiteSum = Xi && {
      n: ns,
      sampleGrad(i: number, x: Float64Array, out: Float64Array) {
        let f = base(x, out ?? null);
        for (let j = 0; j < d; j++) {
          f += sigma * Xi![i * d + j] * x[j];
          if (out) out[j] += sigma * Xi![i * d + j];
        }
        return f;
      },
      batchGrad(idx: ArrayLike<number>, count: number, x: Float64Array, out: Float64Array) {
        let f = base(x, out);
        for (let k = 0; k < count; k++) {
          const o = idx[k] * d;
          for (let j = 0; j < d; j++) {
            f += (sigma * Xi![o + j] * x[j]) / count;
            out[j] += (sigma * Xi![o + j]) / count;
          }
        }
        return f;
      },
    };
    return {
      name: `builtin:quartic-saddle?d=${d}&gamma=${g}${ns > 0 ? `&n=${ns}&noise=${sigma}&seed=${p.seed}` : ''}`,
      ...(finiteSum ? { finiteSum } : {}),
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
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) out[i * d + j] = 2 * x[i] * x[j] + (i === j ? 1 + s : 0);
        out[0] -= 1 + g;
      },
      fstar: -(g * g) / 4,
      xstar,
    };
  },
};
