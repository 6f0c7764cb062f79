/**
 * χ²-penalised DRO in its dual form (I-NSGD paper eq. 19; docs/theory.md §h3):
 *   L(w, η) = λ·(1/n) Σ_i Ψ*((ℓ_i(w) − η)/λ) + η,   Ψ*(t) = ¼(t + 2)₊² − 1,
 *   ℓ_i(w) = ½(y_i − x_iᵀw)² + 0.1·Σ_j ln(1 + |w_j|).
 * Gradients: ∇_w L = mean Ψ*'(t_i)·∇ℓ_i(w), ∂_η L = 1 − mean Ψ*'(t_i), Ψ*'(t) = ½(t + 2)₊.
 * HVP (a.e.): mean[ ½·1{t_i > −2}·(uᵢᵀv)·uᵢ/λ + Ψ*'(t_i)·(∇²ℓ_i v_w, 0) ], uᵢ = (∇ℓ_i, −1),
 *   ∇²ℓ_i v_w = x_i(x_iᵀv_w) − 0.1·v_w/(1 + |w|)².
 * The data are SYNTHETIC, of the paper's shape (34 standardised features; the paper used
 * the Kaggle life-expectancy data, which gensmooth does not ship). f is C¹ only away from the
 * hyperplanes w_j = 0, where ln(1+|w_j|) has a kink (the gradient there uses sign(0) = 0, a
 * subgradient), and its Hessian jumps where t_i = −2 (Ψ* is only C¹): the Hessian is piecewise.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';

/** The synthetic regression data of instance `seed`: X (n×d, row-major) and y = X·w₀ + N(0, 0.25). */
export function droChi2Data(n: number, d: number, seed: number): { X: Float64Array; y: Float64Array } {
  const rng = new Rng(seed, 'dro-chi2');
  const X = rng.stream('X').fillNormal(new Float64Array(n * d));
  const w0 = rng.stream('w0').fillNormal(new Float64Array(d), 0, 1 / Math.sqrt(d));
  const noise = rng.stream('noise');
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += X[i * d + j] * w0[j];
    y[i] = s + 0.5 * noise.normal();
  }
  return { X, y };
}

export const droChi2: BuiltinDef = {
  name: 'dro-chi2',
  doc: "χ² DRO dual λ·mean Ψ*((ℓ_i(w) − η)/λ) + η (I-NSGD eq. 19) on SYNTHETIC regression data of the paper's shape (34 features); C¹ only off w_j = 0, Hessian piecewise; variables (w, η)",
  params: [
    { name: 'n', default: 1000, kind: 'int', min: 1, max: 10000000, doc: 'rows' },
    { name: 'd', default: 34, kind: 'int', min: 1, max: 100000, doc: 'features' },
    { name: 'lambda', default: 0.01, kind: 'num', gt: 0, doc: 'DRO penalty λ' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed' },
  ],
  make(p) {
    const n = p.n as number,
      d = p.d as number,
      lam = p.lambda as number;
    if (n * d > 5e8) throw new RangeError(`n·d = ${n * d} entries is too large (limit 5e8)`);
    const rng = new Rng(p.seed as number, 'dro-chi2');
    const { X, y } = droChi2Data(n, d, p.seed as number);
    const dim = d + 1;
    const regGrad = new Float64Array(d);
    // Shared per call: regulariser value and gradient depend on w only.
    const reg = (w: Float64Array) => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const a = Math.abs(w[j]);
        s += Math.log1p(a);
        regGrad[j] = (0.1 * Math.sign(w[j])) / (1 + a);
      }
      return 0.1 * s;
    };
    const resid = (i: number, w: Float64Array) => {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) s += X[o + j] * w[j];
      return y[i] - s;
    };
    const batch = (idx: ArrayLike<number> | null, count: number, x: Float64Array, out: Float64Array | null) => {
      const eta = x[d];
      const r = reg(x);
      if (out) out.fill(0);
      let f = 0,
        psum = 0;
      for (let k = 0; k < count; k++) {
        const i = idx ? idx[k] : k;
        const e = resid(i, x);
        const l = 0.5 * e * e + r;
        const tp = Math.max((l - eta) / lam + 2, 0);
        f += lam * (0.25 * tp * tp - 1) + eta;
        if (out) {
          const ps = 0.5 * tp; // Ψ*'(t)
          psum += ps;
          const c = (-ps * e) / count;
          const o = i * d;
          for (let j = 0; j < d; j++) out[j] += c * X[o + j];
        }
      }
      if (out) {
        const pm = psum / count;
        for (let j = 0; j < d; j++) out[j] += pm * regGrad[j];
        out[d] = 1 - pm;
      }
      return f / count;
    };
    const ug = new Float64Array(d);
    return {
      name: `builtin:dro-chi2?n=${n}&d=${d}&lambda=${lam}&seed=${p.seed}`,
      dim,
      value: (x) => batch(null, n, x, null),
      grad: (x, out) => batch(null, n, x, out),
      hvp(x, v, out) {
        const eta = x[d];
        const r = reg(x);
        out.fill(0);
        let psum = 0;
        for (let i = 0; i < n; i++) {
          const e = resid(i, x);
          const l = 0.5 * e * e + r;
          const t = (l - eta) / lam;
          const ps = 0.5 * Math.max(t + 2, 0);
          psum += ps;
          const o = i * d;
          let xv = 0;
          for (let j = 0; j < d; j++) xv += X[o + j] * v[j];
          // u = (∇ℓ_i, −1), ∇ℓ_i = −e·x_i + regGrad
          let uv = -v[d];
          for (let j = 0; j < d; j++) {
            ug[j] = -e * X[o + j] + regGrad[j];
            uv += ug[j] * v[j];
          }
          const c1 = t > -2 ? (0.5 * uv) / lam / n : 0;
          const c2 = (ps * xv) / n;
          for (let j = 0; j < d; j++) out[j] += c1 * ug[j] + c2 * X[o + j];
          out[d] -= c1;
        }
        const pm = psum / n;
        for (let j = 0; j < d; j++) out[j] -= (pm * 0.1 * v[j]) / (1 + Math.abs(x[j])) ** 2;
      },
      // Start off the kinks (w_j = 0), where f is not differentiable.
      x0: (() => {
        const z = rng.stream('x0').fillNormal(new Float64Array(dim), 0, 0.1);
        for (let j = 0; j < d; j++) z[j] = Math.sign(z[j] || 1) * (0.05 + Math.abs(z[j]));
        z[d] = 0;
        return z;
      })(),
      smoothness: 'C1',
      notes: [
        `synthetic regression data of the paper's shape (n = ${n}, d = ${d} standardised Gaussian features, y = x·w₀ + N(0, 0.25)); the paper used the Kaggle life-expectancy data`,
        'f is C¹ only off the hyperplanes w_j = 0 (kink of ln(1+|w_j|)); the Hessian jumps where a row has t = −2 (Ψ* is only C¹): use gradient-difference conditions, Hessian-form ones are piecewise',
        'variables: w (first d entries) then η',
      ],
      finiteSum: {
        n,
        sampleGrad(i, x, out) {
          const idx = [i];
          return batch(idx, 1, x, out);
        },
        batchGrad: (idx, count, x, out) => batch(idx, count, x, out),
      },
    };
  },
};
