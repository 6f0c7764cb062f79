/**
 * A small two-layer tanh network as a finite sum (docs/theory.md §h5):
 *   f(θ) = (1/n) Σ_i loss(W2·tanh(W1 x_i + b1) + b2, y_i),
 * loss = ½‖o − y‖² (mse, teacher-network regression targets) or
 * logsumexp(o) − o_y (ce, labels = argmax of a teacher network).
 * Gradients by backpropagation; Hessian-vector products by Pearlmutter's R-operator
 * (forward-mode directional derivative of the backward pass), exact up to rounding.
 * θ stores W1 (hidden×in), b1, W2 (out×hidden), b2, row-major.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';

export const mlp: BuiltinDef = {
  name: 'mlp',
  doc: 'two-layer tanh network on synthetic teacher data, mean-squared (loss=mse) or cross-entropy (loss=ce) loss; finite sum over the n samples',
  params: [
    { name: 'n', default: 64, kind: 'int', min: 1, max: 1000000, doc: 'samples' },
    { name: 'in', default: 4, kind: 'int', min: 1, max: 10000, doc: 'input width' },
    { name: 'hidden', default: 8, kind: 'int', min: 1, max: 10000, doc: 'hidden width' },
    { name: 'out', default: 3, kind: 'int', min: 1, max: 1000, doc: 'outputs (classes for ce)' },
    { name: 'loss', default: 'mse', kind: 'enum', choices: ['mse', 'ce'], doc: 'loss' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed' },
  ],
  make(p) {
    const n = p.n as number,
      I = p.in as number,
      H = p.hidden as number,
      O = p.out as number;
    const ce = p.loss === 'ce';
    if (ce && O < 2) throw new RangeError('loss=ce needs out ≥ 2 classes');
    const rng = new Rng(p.seed as number, 'mlp');
    const X = rng.stream('X').fillNormal(new Float64Array(n * I));
    const T1 = rng.stream('T1').fillNormal(new Float64Array(H * I), 0, 1 / Math.sqrt(I));
    const T2 = rng.stream('T2').fillNormal(new Float64Array(O * H), 0, 1 / Math.sqrt(H));
    const Y = new Float64Array(n * O);
    const labels = new Int32Array(n);
    const noise = rng.stream('noise');
    for (let i = 0; i < n; i++) {
      const h = new Float64Array(H);
      for (let a = 0; a < H; a++) {
        let s = 0;
        for (let b = 0; b < I; b++) s += T1[a * I + b] * X[i * I + b];
        h[a] = Math.tanh(s);
      }
      let best = 0,
        bestV = -Infinity;
      for (let c = 0; c < O; c++) {
        let s = 0;
        for (let a = 0; a < H; a++) s += T2[c * H + a] * h[a];
        Y[i * O + c] = s + 0.1 * noise.normal();
        if (s > bestV) {
          bestV = s;
          best = c;
        }
      }
      labels[i] = best;
    }
    const oW1 = 0,
      oB1 = H * I,
      oW2 = oB1 + H,
      oB2 = oW2 + O * H;
    const dim = oB2 + O;
    const a1 = new Float64Array(H),
      h1 = new Float64Array(H),
      o = new Float64Array(O),
      dO = new Float64Array(O),
      dH = new Float64Array(H),
      pr = new Float64Array(O);
    const Rh = new Float64Array(H),
      Ro = new Float64Array(O),
      RdO = new Float64Array(O),
      RdH = new Float64Array(H);
    /** Loss of sample i; adds scale·∇ into g (if given) and scale·(∇²·v) into hv (if given). */
    const sample = (
      i: number,
      th: Float64Array,
      scale: number,
      g: Float64Array | null,
      v: Float64Array | null,
      hv: Float64Array | null,
    ): number => {
      const xo = i * I;
      for (let a = 0; a < H; a++) {
        let s = th[oB1 + a];
        for (let b = 0; b < I; b++) s += th[oW1 + a * I + b] * X[xo + b];
        a1[a] = s;
        h1[a] = Math.tanh(s);
      }
      for (let c = 0; c < O; c++) {
        let s = th[oB2 + c];
        for (let a = 0; a < H; a++) s += th[oW2 + c * H + a] * h1[a];
        o[c] = s;
      }
      let loss = 0;
      if (ce) {
        let mx = -Infinity;
        for (let c = 0; c < O; c++) mx = Math.max(mx, o[c]);
        let z = 0;
        for (let c = 0; c < O; c++) {
          pr[c] = Math.exp(o[c] - mx);
          z += pr[c];
        }
        for (let c = 0; c < O; c++) {
          pr[c] /= z;
          dO[c] = pr[c] - (c === labels[i] ? 1 : 0);
        }
        loss = mx + Math.log(z) - o[labels[i]];
      } else {
        for (let c = 0; c < O; c++) {
          const e = o[c] - Y[i * O + c];
          dO[c] = e;
          loss += 0.5 * e * e;
        }
      }
      if (!g && !hv) return loss;
      for (let a = 0; a < H; a++) {
        let s = 0;
        for (let c = 0; c < O; c++) s += th[oW2 + c * H + a] * dO[c];
        dH[a] = s * (1 - h1[a] * h1[a]); // δa
      }
      if (g) {
        for (let c = 0; c < O; c++) {
          for (let a = 0; a < H; a++) g[oW2 + c * H + a] += scale * dO[c] * h1[a];
          g[oB2 + c] += scale * dO[c];
        }
        for (let a = 0; a < H; a++) {
          for (let b = 0; b < I; b++) g[oW1 + a * I + b] += scale * dH[a] * X[xo + b];
          g[oB1 + a] += scale * dH[a];
        }
      }
      if (hv && v) {
        // Forward R-pass.
        for (let a = 0; a < H; a++) {
          let s = v[oB1 + a];
          for (let b = 0; b < I; b++) s += v[oW1 + a * I + b] * X[xo + b];
          Rh[a] = (1 - h1[a] * h1[a]) * s;
        }
        for (let c = 0; c < O; c++) {
          let s = v[oB2 + c];
          for (let a = 0; a < H; a++) s += th[oW2 + c * H + a] * Rh[a] + v[oW2 + c * H + a] * h1[a];
          Ro[c] = s;
        }
        if (ce) {
          let pRo = 0;
          for (let c = 0; c < O; c++) pRo += pr[c] * Ro[c];
          for (let c = 0; c < O; c++) RdO[c] = pr[c] * (Ro[c] - pRo);
        } else {
          for (let c = 0; c < O; c++) RdO[c] = Ro[c];
        }
        // Backward R-pass.
        for (let a = 0; a < H; a++) {
          let s = 0,
            t = 0;
          for (let c = 0; c < O; c++) {
            s += th[oW2 + c * H + a] * RdO[c] + v[oW2 + c * H + a] * dO[c];
            t += th[oW2 + c * H + a] * dO[c];
          }
          const dphi = 1 - h1[a] * h1[a];
          RdH[a] = s * dphi + t * (-2 * h1[a] * Rh[a]);
        }
        for (let c = 0; c < O; c++) {
          for (let a = 0; a < H; a++) hv[oW2 + c * H + a] += scale * (RdO[c] * h1[a] + dO[c] * Rh[a]);
          hv[oB2 + c] += scale * RdO[c];
        }
        for (let a = 0; a < H; a++) {
          for (let b = 0; b < I; b++) hv[oW1 + a * I + b] += scale * RdH[a] * X[xo + b];
          hv[oB1 + a] += scale * RdH[a];
        }
      }
      return loss;
    };
    const batch = (idx: ArrayLike<number> | null, count: number, th: Float64Array, out: Float64Array | null) => {
      if (out) out.fill(0);
      let f = 0;
      for (let k = 0; k < count; k++) f += sample(idx ? idx[k] : k, th, 1 / count, out, null, null);
      return f / count;
    };
    const x0 = rng.stream('theta0').fillNormal(new Float64Array(dim), 0, 0.5);
    return {
      name: `builtin:mlp?n=${n}&in=${I}&hidden=${H}&out=${O}&loss=${p.loss}&seed=${p.seed}`,
      dim,
      value: (th) => batch(null, n, th, null),
      grad: (th, out) => batch(null, n, th, out),
      hvp(th, v, out) {
        out.fill(0);
        for (let i = 0; i < n; i++) sample(i, th, 1 / n, null, v, out);
      },
      x0,
      notes: [`synthetic teacher-network data (n = ${n}); θ = (W1 ${H}×${I}, b1, W2 ${O}×${H}, b2)`],
      finiteSum: {
        n,
        sampleGrad(i, th, out) {
          if (out) out.fill(0);
          return sample(i, th, 1, out ?? null, null, null);
        },
        batchGrad: (idx, count, th, out) => batch(idx, count, th, out),
      },
    };
  },
};
