/** I-NSGD paper: the normalisation exponent β on the phase-retrieval instance. */
import { makeBuiltin } from '../../objectives/spec.ts';
import { BETA, beta, compareMethods, fmt, type ExperimentDef } from './arms.ts';

export const insgdBetaSweep: ExperimentDef = {
  name: 'insgd-beta-sweep',
  title: 'I-NSGD on phase retrieval: the normalisation exponent β (the paper: β = 2/3 is fastest)',
  run(seed, quick) {
    const obj = makeBuiltin('phase-retrieval', 'd=100&m=3000&seed=1');
    const iters = quick ? 300 : 10000;
    const betas = [0.4, 0.5, beta, 0.8, 1];
    const arms = betas.map((b) => ({
      label: `β = ${fmt(b)}`,
      spec: `insgd:gamma=0.5,beta=${b === beta ? BETA : b},L1=1,delta=15,batch=64,batch2=8`,
      iters,
    }));
    return compareMethods(
      this.name,
      this.title,
      obj,
      arms,
      seed,
      [
        "I-NSGD with γ = 0.5, δ = 15, L1 = 1, |B| = 64, |B'| = 8 on the §4.1 phase-retrieval instance, β ∈ {0.4, 0.5, 2/3, 0.8, 1}",
        `claim compared: β = 2/3 converges fastest${quick ? '; QUICK run: 300 steps' : ''}`,
      ],
      `β = ${fmt(beta)}`,
    );
  },
};
