/** Gradient descent and its plain stochastic, compressed and zeroth-order forms. */
import { batchP, gammaP, int, method, num } from '../method.ts';
import { zerothOrder } from '../oracle.ts';
import { randomK, scaleBy } from '../transform.ts';

export const gd = method({
  name: 'gd',
  update: 'x − γ∇f',
  params: [gammaP],
  chain: (_p, s) => [scaleBy(s)],
});

export const sgd = method({
  name: 'sgd',
  update: 'x − γ g_B',
  params: [gammaP, batchP],
  stochastic: true,
  chain: (_p, s) => [scaleBy(s)],
});

export const randomkSgd = method({
  name: 'randomk-sgd',
  update: 'x − γ·C(g_B), C = RandomK (d/k on k coordinates)',
  params: [gammaP, int('k', 'coordinates kept', { min: 1 }), batchP],
  stochastic: true,
  chain: (p, s) => [randomK(p.k), scaleBy(s)],
});

export const zoGd = method({
  name: 'zo-gd',
  update: 'x − γ ĝ, ĝ_i = (f(x + μe_i) − f(x − μe_i))/(2μ) (function values only)',
  params: [gammaP, num('mu', 'difference step μ', { default: 1e-5, positive: true })],
  oracle: (p) => zerothOrder(p.mu),
  chain: (_p, s) => [scaleBy(s)],
});
