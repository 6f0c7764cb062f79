/** Preconditioned steps: the dual-space preconditioning of Bodard & Patrinos (docs/theory.md §b3), Adam, and DEO (Adam after a dimer projection). */
import { KERNELS } from '../../core/kernels.ts';
import { batchP, choice, gammaP, int, method, num } from '../method.ts';
import { adam as adamT, dimerProjection, precondition, scaleBy } from '../transform.ts';

export const lambdaP = num('lambda', 'dual step λ', { default: 1, positive: true });
export const kernelP = choice(
  'kernel',
  `reference kernel: ${Object.keys(KERNELS).join(', ')}`,
  Object.keys(KERNELS),
  'smooth-clip',
);
const beta1P = num('beta1', 'first-moment decay', { default: 0.9, min: 0 });
const beta2P = num('beta2', 'second-moment decay', { default: 0.999, min: 0 });

export const precondGd = method({
  name: 'precond-gd',
  update: 'x − γ∇φ*(λ∇f), φ = h(‖·‖) (Bodard & Patrinos P-GD)',
  params: [gammaP, lambdaP, kernelP],
  chain: (p, s) => [precondition(p.kernel, p.lambda), scaleBy(s)],
});

export const adam = method({
  name: 'adam',
  update: 'Adam on the mini-batch gradient: x − γ m̂/(√v̂ + ε)',
  params: [gammaP, batchP, beta1P, beta2P],
  stochastic: true,
  chain: (p, s) => [adamT(p.beta1, p.beta2), scaleBy(s)],
});

export const deo = method({
  name: 'deo',
  update:
    'Dimer-enhanced optimisation: every k steps rotate a dimer to the lowest-curvature direction N̂, remove ' +
    'a·⟨g, N̂⟩N̂ from the gradient, then Adam (Hu, Cao, Liu 2025)',
  params: [
    gammaP,
    num('a', 'projection weight', { default: 1, min: 0 }),
    int('k', 'steps between dimer updates', { default: 10, min: 1 }),
    choice(
      'toward',
      'dimer rotation: min (lowest curvature, the correct rule) or max (the third-party sign)',
      ['min', 'max'],
      'min',
    ),
    beta1P,
    beta2P,
  ],
  chain: (p, s) => [dimerProjection(p.a, p.k, p.toward), adamT(p.beta1, p.beta2), scaleBy(s)],
});
