/** Variance reduction: the SPIDER estimator, plain (SpiderBoost) and perturbed (SSRGD, Li 2019). */
import { batchP, gammaP, int, method } from '../method.ts';
import { spider as spiderOracle } from '../oracle.ts';
import { scaleBy } from '../transform.ts';
import { jinPerturbation, perturbParams } from './escape.ts';

const spiderParams = [
  int('q', 'refresh period', { default: 10, min: 1 }),
  int('big', 'refresh batch (0: full gradient)', { default: 0, min: 0 }),
] as const;

export const spider = method({
  name: 'spider',
  update: 'v_t = g_B(x_t) − g_B(x_{t−1}) + v_{t−1} (refreshed every q steps); x − γ v_t (SPIDER/SpiderBoost)',
  params: [gammaP, batchP, ...spiderParams],
  stochastic: true,
  oracle: (p) => spiderOracle(p.batch, p.q, p.big),
  chain: (_p, s) => [scaleBy(s)],
});

export const ssrgd = method({
  name: 'ssrgd',
  update: 'SPIDER estimator; x ← x + ξ, ξ ~ U(B(0, r)) when ‖v‖ ≤ g_thres and t − t_last > t_thres (Li 2019)',
  params: [gammaP, batchP, ...spiderParams, ...perturbParams('estimator-norm threshold')],
  stochastic: true,
  oracle: (p) => spiderOracle(p.batch, p.q, p.big),
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [jinPerturbation(p)],
});
