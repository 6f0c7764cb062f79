/** Normalised methods: NSGD, its momentum form, and the independently normalised I-NSG and I-NSGD (docs/theory.md §h1). */
import { batch2P, batchP, betaP, codeScaleP, gammaP, method, num } from '../method.ts';
import { insgdCodeScale, insgdScale, momentum, normalize, normalizeIndependent, scaleBy } from '../transform.ts';

export const ngd = method({
  name: 'ngd',
  update: 'x − γ ∇f/‖∇f‖^β',
  params: [gammaP, betaP],
  chain: (p, s) => [normalize(p.beta), scaleBy(s)],
});

export const nsgd = method({
  name: 'nsgd',
  update: 'x − γ g_B/‖g_B‖^β',
  params: [gammaP, betaP, batchP],
  stochastic: true,
  chain: (p, s) => [normalize(p.beta), scaleBy(s)],
});

export const insgd = method({
  name: 'insgd',
  update: "x − γ g_B/h^β, h = max{1, (4L1γ)^(1/β)(2‖g_B'‖ + δ)} (I-NSGD eq. 13)",
  params: [
    gammaP,
    num('beta', 'normalisation exponent β', { min: 0 }),
    num('L1', 'smoothness constant L1', { min: 0 }),
    num('delta', 'offset δ', { min: 0 }),
    batchP,
    batch2P,
  ],
  stochastic: true,
  chain: (p, s) => [insgdScale(p.beta, p.L1, p.delta, s), scaleBy(s)],
});

export const insg = method({
  name: 'insg',
  update: "x − γ g_B/‖g_B'‖^β (independently normalised, I-NSGD eq. 12)",
  params: [gammaP, betaP, batchP, batch2P],
  stochastic: true,
  chain: (p, s) => [normalizeIndependent(p.beta), scaleBy(s)],
});

export const nsgdMomentum = method({
  name: 'nsgd-momentum',
  update: 'd ← (1−α)d + α g_B; x − γ d/‖d‖^β',
  params: [gammaP, betaP, batchP, num('alpha', 'momentum weight α (1: none)', { default: 0.1, positive: true })],
  stochastic: true,
  chain: (p, s) => [momentum(p.alpha), normalize(p.beta), scaleBy(s)],
});

export const insgdCode = method({
  name: 'insgd-code',
  update: "x − γ·s·g_B/h^β, h = max{G², 2s‖g_B'‖ + δ} (the I-NSGD authors' code; eq. 13 with L1 = 1/(4γ), γ/G^(2β))",
  params: [
    gammaP,
    num('beta', 'normalisation exponent β', { min: 0 }),
    num('delta', 'offset δ', { min: 0 }),
    num('G', 'floor of h is G² (the code squares its grad_max)', { min: 0 }),
    codeScaleP,
    batchP,
    batch2P,
  ],
  stochastic: true,
  chain: (p, s) => [insgdCodeScale(p.beta, p.delta, p.G, p.scale), scaleBy(s)],
});
