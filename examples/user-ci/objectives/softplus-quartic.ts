/**
 * A user's objective: Σ softplus(x_i) + ¼‖x‖⁴ in two variables. Convex, with a
 * quartic tail: (L0,L1)-smooth in the Hessian form, not L-smooth on large boxes.
 */
const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

export default {
  name: 'softplus-quartic',
  dim: 2,
  value(x: Float64Array): number {
    const r2 = x[0] * x[0] + x[1] * x[1];
    return softplus(x[0]) + softplus(x[1]) + 0.25 * r2 * r2;
  },
  grad(x: Float64Array, out: Float64Array): void {
    const r2 = x[0] * x[0] + x[1] * x[1];
    out[0] = sigmoid(x[0]) + r2 * x[0];
    out[1] = sigmoid(x[1]) + r2 * x[1];
  },
  hvp(x: Float64Array, v: Float64Array, out: Float64Array): void {
    const r2 = x[0] * x[0] + x[1] * x[1];
    const xv = x[0] * v[0] + x[1] * v[1];
    for (let i = 0; i < 2; i++) {
      const s = sigmoid(x[i]);
      out[i] = s * (1 - s) * v[i] + r2 * v[i] + 2 * xv * x[i];
    }
  },
};
