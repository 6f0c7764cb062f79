/**
 * The transform interface (optax's (init, update) pair with the state passed
 * explicitly) and what the loop hands every transform at an iteration.
 */
import type { Rng } from '../core/rng.ts';

export interface UpdateContext {
  t: number;
  /** f at x_t as the oracle saw it (mini-batch value for stochastic methods). */
  f: number;
  /** ‖g_t‖ of the raw direction, before any transform. */
  gnorm: number;
  /** The independent second mini-batch gradient g_{B'} (computed on first use). */
  aux(): Float64Array;
  /** The step size of this iteration, once a step-size transform has run (for I-NSGD's h). */
  gamma: number;
  rng: Rng;
  /** The current iterate (read only): for updates that are not a function of the gradient alone. */
  x: Float64Array;
  /** The objective's gradient at any point (for transforms that probe curvature, e.g. DEO's dimer). */
  gradAt(at: Float64Array, out: Float64Array): number;
  /** Extra gradient evaluations a transform made (for the oracle counts). */
  extraGradients: number;
}

/** A gradient transformation with explicit state S (`void` for the stateless ones). */
export interface Transform<S = unknown> {
  name: string;
  init(n: number): S;
  update(u: Float64Array, c: UpdateContext, state: S): void;
}

/** A transform without state. */
export const stateless = (name: string, update: (u: Float64Array, c: UpdateContext) => void): Transform<void> => ({
  name,
  init: () => undefined,
  update,
});

/** The states of a chain, in order (what the loop keeps between iterations). */
export const initChain = (chain: readonly Transform[], n: number): unknown[] => chain.map((tr) => tr.init(n));

/** Apply the chain to u in order, each transform with its own state. */
export function applyChain(chain: readonly Transform[], states: unknown[], u: Float64Array, c: UpdateContext): void {
  for (let k = 0; k < chain.length; k++) chain[k].update(u, c, states[k]);
}
