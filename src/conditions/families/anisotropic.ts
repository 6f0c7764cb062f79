/**
 * Anisotropic smoothness (docs/theory.md §b2–§b4): the second-order characterisation of
 * (L, L̄)-anisotropic smoothness relative to φ = h(‖·‖), with the reference kernels of
 * §b3 (core/kernels.ts), as in Oikonomidis et al. and Bodard & Patrinos Prop. 2.4.
 */
import { lanczos } from '../../core/eig.ts';
import { symEigen } from '../../core/symeig.ts';
import { KERNELS } from '../../core/kernels.ts';
import { nrm2 } from '../../core/vec.ts';
import { EPS, ZERO, identity, sample, type Approx, type ConditionDef, type EvalContext } from '../model.ts';

/**
 * λmax(∇²φ*(∇f(x)/L̄)·∇²f(x)) for an isotropic kernel: the product is similar to
 * M^{1/2}HM^{1/2} with M = a·ŷŷᵀ + b·(I − ŷŷᵀ), so its eigenvalues are real. Exact
 * (Jacobi) in small dimension, Lanczos above.
 */
function precondLambdaMax(ctx: EvalContext, x: Float64Array, kernel: string, Lbar: number): Approx | null {
  const k = KERNELS[kernel];
  const gr = ctx.gradient(x);
  if (!gr) return null;
  const n = ctx.n;
  const s = nrm2(gr.g) / Lbar;
  const a = k.along(s),
    b = k.across(s);
  const yhat = s > 0 ? Float64Array.from(gr.g, (v) => v / (s * Lbar)) : new Float64Array(n);
  const sa = Math.sqrt(a),
    sb = Math.sqrt(b);
  // M^{1/2}v = sb·v + (sa − sb)(ŷᵀv)ŷ
  const halfM = (v: Float64Array, out: Float64Array) => {
    let c = 0;
    for (let i = 0; i < n; i++) c += yhat[i] * v[i];
    for (let i = 0; i < n; i++) out[i] = sb * v[i] + (sa - sb) * c * yhat[i];
  };
  const dense = ctx.hessianDense(x);
  if (dense) {
    const { H } = dense;
    const T = new Float64Array(n * n),
      col = new Float64Array(n),
      e = new Float64Array(n),
      t = new Float64Array(n);
    // T = M^{1/2} H M^{1/2}, column by column.
    for (let j = 0; j < n; j++) {
      e.fill(0);
      e[j] = 1;
      halfM(e, col);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let l = 0; l < n; l++) acc += H[i * n + l] * col[l];
        t[i] = acc;
      }
      halfM(t, col);
      for (let i = 0; i < n; i++) T[i * n + j] = col[i];
    }
    const { values } = symEigen(T, n, false);
    const lm = values[n - 1];
    let hmax = 0;
    for (const v of H) hmax = Math.max(hmax, Math.abs(v));
    return { v: lm, err: 16 * n * EPS * Math.max(a, b) * hmax * n + dense.err * n * Math.max(a, b) };
  }
  const op = ctx.hessianOp(x);
  const u = new Float64Array(n),
    w = new Float64Array(n);
  const r = lanczos(
    (v, out) => {
      halfM(v, u);
      op(u, w);
      halfM(w, out);
    },
    n,
    { maxIter: 24, tol: 1e-6 },
  );
  return { v: r.lambdaMax, err: 16 * EPS * Math.abs(r.lambdaMax) * n };
}

export const ANISOTROPIC: ConditionDef[] = [
  {
    name: 'anisotropic',
    inequality:
      'λmax(∇²φ*(∇f(x)/Lbar)·∇²f(x)) ≤ L·Lbar (second-order characterisation of (L, Lbar)-anisotropic smoothness, φ = h(‖·‖))',
    family: 'anisotropic',
    kind: 'point',
    params: [
      { name: 'L', doc: 'anisotropic smoothness constant (γ = 1/L)', role: 'A', min: 0 },
      { name: 'Lbar', doc: 'dual scaling (λ = 1/Lbar)', role: 'shape', positive: true },
      {
        name: 'kernel',
        doc: `reference kernel h: ${Object.keys(KERNELS).join(', ')}`,
        role: 'shape',
        default: 'smooth-clip',
        choices: Object.keys(KERNELS),
      },
    ],
    A: identity('L'),
    B: null,
    requires: ['Lbar'],
    evaluate(ctx, x, s) {
      const Lbar = s.Lbar as number;
      const m = precondLambdaMax(ctx, x, s.kernel as string, Lbar);
      return m && sample({ v: m.v / Lbar, err: m.err / Lbar }, ZERO);
    },
    references:
      'Oikonomidis et al. (ICML 2025); Bodard & Patrinos (NeurIPS 2025) Prop. 2.4, eq. (3); docs/theory.md §b2–b4',
  },
];
