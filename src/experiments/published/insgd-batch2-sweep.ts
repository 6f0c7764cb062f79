/** I-NSGD paper: the size of the independent batch |B'| on the phase-retrieval instance. */
import { makeBuiltin } from '../../objectives/spec.ts';
import { BETA, compareMethods, type ExperimentDef } from './arms.ts';

export const insgdBatch2Sweep: ExperimentDef = {
  name: 'insgd-batch2-sweep',
  title: "I-NSGD on phase retrieval: the size of the independent batch |B'|",
  run(seed, quick) {
    const obj = makeBuiltin('phase-retrieval', 'd=100&m=3000&seed=1');
    const budget = quick ? 64 * 300 : 64 * 10000;
    const arms = [1, 2, 4, 8, 16, 32].map((b2) => ({
      label: `|B'| = ${b2}`,
      spec: `insgd:gamma=0.5,beta=${BETA},L1=1,delta=15,batch=64,batch2=${b2}`,
      iters: Math.floor(budget / (64 + b2)),
    }));
    return compareMethods(
      this.name,
      this.title,
      obj,
      arms,
      seed,
      [
        "I-NSGD with γ = 0.5, β = 2/3, δ = 15, L1 = 1, |B| = 64 on the §4.1 instance; |B'| ∈ {1, …, 32} at an equal budget of per-sample gradients",
        "the paper uses |B'| = 8; no claim about the sweep is compared",
      ],
      null,
    );
  },
};
