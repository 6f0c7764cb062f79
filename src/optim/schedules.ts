/**
 * Step-size rules. A rule maps the iteration and what the run knows at x_t (f, ‖∇f‖)
 * to a step size; constants and schedules in t alone are special cases (jax's
 * make_schedule idea, extended because the warm-up and Polyak rules read f(x_t)).
 */

export interface StepContext {
  t: number;
  /** f(x_t) (for stochastic methods: the mini-batch value). */
  f: number;
  /** ‖g_t‖ of the direction the method uses at x_t. */
  gnorm: number;
}

export type StepRule = (c: StepContext) => number;

export const constant =
  (gamma: number): StepRule =>
  () =>
    gamma;

/** Linear warm-up from gamma/warmup to gamma over `warmup` iterations, then constant. */
export const linearWarmup =
  (gamma: number, warmup: number): StepRule =>
  ({ t }) =>
    warmup > 0 && t < warmup ? (gamma * (t + 1)) / warmup : gamma;

/**
 * The warm-up paper's rule η_t = 1/(K0 + K1(f(x_t) − f*)) (docs/theory.md §c3): under
 * ‖∇²f‖ ≤ K0 + K1(f − f*) it guarantees f(x_{t+1}) ≤ f(x_t) − (η_t/2)‖∇f(x_t)‖², and it
 * grows as the loss falls: a warm-up that follows from the assumption. `c` scales it.
 */
export const gapAdaptive =
  (K0: number, K1: number, fstar: number, c = 1): StepRule =>
  ({ f }) =>
    c / (K0 + K1 * Math.max(f - fstar, 0));

/** Polyak's step (f(x_t) − f*)/‖∇f(x_t)‖² (θ-scaled under aiming, docs/theory.md §c4). */
export const polyak =
  (fstar: number, theta = 1, max = Infinity): StepRule =>
  ({ f, gnorm }) =>
    gnorm > 0 ? Math.min(max, (theta * Math.max(f - fstar, 0)) / (gnorm * gnorm)) : 0;
