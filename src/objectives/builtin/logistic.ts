/**
 * Logistic regression f(w) = (1/n) Σ log(1 + exp(−y_i x_iᵀw)) (docs/theory.md §h4) on
 * synthetic data: x_i ~ N(0, I_d), labels from a random teacher w₀ with 10 % of
 * labels flipped, so the data are not separable and f* > 0 is attained.
 * ∇f = −(1/n) Σ σ(−z_i) y_i x_i,  ∇²f = (1/n) Σ σ(z_i)σ(−z_i) x_i x_iᵀ,  z_i = y_i x_iᵀw.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';

/** log(1 + e^t) without overflow. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}
/** 1/(1 + e^(−t)) without overflow. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

export const logistic: BuiltinDef = {
  name: 'logistic',
  doc: '(1/n) Σ log(1 + exp(−y_i x_iᵀw)) on synthetic Gaussian features with 10% label noise; finite sum over the n rows',
  params: [
    { name: 'n', default: 200, kind: 'int', min: 1, max: 10000000, doc: 'rows' },
    { name: 'd', default: 10, kind: 'int', min: 1, max: 100000, doc: 'features' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed' },
  ],
  make(p) {
    const n = p.n as number,
      d = p.d as number;
    if (n * d > 5e8) throw new RangeError(`n·d = ${n * d} entries is too large (limit 5e8)`);
    const rng = new Rng(p.seed as number, 'logistic');
    const X = rng.stream('X').fillNormal(new Float64Array(n * d));
    const w0 = rng.stream('w0').fillNormal(new Float64Array(d));
    const flip = rng.stream('flip');
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X[i * d + j] * w0[j];
      y[i] = (s >= 0 ? 1 : -1) * (flip.uniform() < 0.1 ? -1 : 1);
    }
    const margin = (i: number, w: Float64Array) => {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) s += X[o + j] * w[j];
      return y[i] * s;
    };
    const batch = (idx: ArrayLike<number> | null, count: number, w: Float64Array, out: Float64Array | null) => {
      if (out) out.fill(0);
      let f = 0;
      for (let k = 0; k < count; k++) {
        const i = idx ? idx[k] : k;
        const z = margin(i, w);
        f += softplus(-z);
        if (out) {
          const c = (-sigmoid(-z) * y[i]) / count;
          const o = i * d;
          for (let j = 0; j < d; j++) out[j] += c * X[o + j];
        }
      }
      return f / count;
    };
    let R = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X[i * d + j] ** 2;
      R = Math.max(R, Math.sqrt(s));
    }
    return {
      name: `builtin:logistic?n=${n}&d=${d}&seed=${p.seed}`,
      dim: d,
      value: (w) => batch(null, n, w, null),
      grad: (w, out) => batch(null, n, w, out),
      hvp(w, v, out) {
        out.fill(0);
        for (let i = 0; i < n; i++) {
          const z = margin(i, w);
          const o = i * d;
          let xv = 0;
          for (let j = 0; j < d; j++) xv += X[o + j] * v[j];
          const c = (sigmoid(z) * sigmoid(-z) * xv) / n;
          for (let j = 0; j < d; j++) out[j] += c * X[o + j];
        }
      },
      x0: new Float64Array(d),
      notes: [
        `synthetic data: x_i ~ N(0, I), labels from a random teacher with 10% flipped; R = max‖x_i‖ = ${R.toPrecision(6)}`,
      ],
      finiteSum: {
        n,
        sampleGrad(i, w, out) {
          const z = margin(i, w);
          if (out) {
            const c = -sigmoid(-z) * y[i];
            for (let j = 0; j < d; j++) out[j] = c * X[i * d + j];
          }
          return softplus(-z);
        },
        batchGrad: (idx, count, w, out) => batch(idx, count, w, out),
      },
    };
  },
};
