/**
 * The NSGD-bias example of docs/theory.md §f2: a finite sum of two linear functions with
 * per-sample gradients g₁ = (3, 0) and g₂ = (−1, 0.1), so ∇F = (1, 0.05) everywhere.
 * With single-sample batches, E[g/‖g‖] = (0.0025, 0.0498) (cosine 0.0996 with ∇F)
 * while the independently normalised E[g/‖g′‖] = 0.664·∇F (β = 1). Unbounded below:
 * an example for the estimator test, not for minimisation.
 */
import type { BuiltinDef } from '../objective.ts';

export const biasExample: BuiltinDef = {
  name: 'nsgd-bias-example',
  doc: 'two linear samples with gradients (3, 0) and (−1, 0.1) (docs/theory.md §f2): NSGD is biased, I-NSG is not; finite sum of 2',
  params: [],
  make() {
    const G = [new Float64Array([3, 0]), new Float64Array([-1, 0.1])];
    const fi = (i: number, x: Float64Array) => G[i][0] * x[0] + G[i][1] * x[1];
    return {
      name: 'builtin:nsgd-bias-example',
      dim: 2,
      value: (x) => 0.5 * (fi(0, x) + fi(1, x)),
      grad(x, out) {
        out[0] = 1;
        out[1] = 0.05;
        return 0.5 * (fi(0, x) + fi(1, x));
      },
      hvp(_x, _v, out) {
        out.fill(0);
      },
      hessian(_x, out) {
        out.fill(0);
      },
      x0: new Float64Array([0, 0]),
      notes: ['per-sample gradients (3, 0) and (−1, 0.1); unbounded below'],
      finiteSum: {
        n: 2,
        sampleGrad(i, x, out) {
          if (out) out.set(G[i]);
          return fi(i, x);
        },
        batchGrad(idx, count, x, out) {
          out.fill(0);
          let f = 0;
          for (let k = 0; k < count; k++) {
            const g = G[idx[k]];
            out[0] += g[0] / count;
            out[1] += g[1] / count;
            f += fi(idx[k], x) / count;
          }
          return f;
        },
      },
    };
  },
};
