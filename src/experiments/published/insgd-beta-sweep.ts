/** I-NSGD paper §4.1, Figure 2 (middle): the normalisation exponent β on phase retrieval. */
import { agreesFromClaims, fastestClaim } from '../claims.ts';
import type { ExperimentDef } from './arms.ts';
import {
  insgdArm,
  instances,
  observedRows,
  PR_BETAS,
  PR_HORIZON,
  prObjective,
  READING_NOTE,
  readingsData,
  runReadings,
} from './insgd-setup.ts';

export const insgdBetaSweep: ExperimentDef = {
  name: 'insgd-beta-sweep',
  title: 'I-NSGD on phase retrieval: the normalisation exponent β (the paper: β = 2/3 is fastest)',
  run(seed, quick) {
    const seeds = instances(seed, quick);
    const budget = quick ? PR_HORIZON / 4 : PR_HORIZON;
    const arms = (r: 'paper-text' | 'authors-code') => PR_BETAS.map(([l, b]) => insgdArm('pr', r, l, b, 8));
    const rs = runReadings({
      name: 'beta-sweep',
      title: 'I-NSGD, β ∈ {1, 4/5, 2/3, 7/10, 13/20}',
      objective: prObjective,
      objectiveSpec: 'builtin:phase-retrieval?d=100&m=3000&seed={seed}',
      arms: { 'paper-text': arms('paper-text'), 'authors-code': arms('authors-code') },
      seeds,
      budget,
      recordEvery: 5,
      logy: true,
      ylabel: 'f(z_t)',
    });
    const claims = rs.map((r) =>
      fastestClaim(r.comparison, ['β = 2/3'], {
        id: 'beta-two-thirds',
        statement:
          'I-NSGD converges fastest when β matches α = 2/3, among β ∈ {1, 4/5, 2/3, 7/10, 13/20} (Figure 2 middle)',
        reading: r.reading,
      }),
    );
    return {
      name: this.name,
      title: this.title,
      setting: [
        `I-NSGD on the §4.1 instances (data seeds ${seeds.join(', ')}), |B| = 64, |B'| = 8, δ = 15, γ = 0.5, ` +
          `the paper's grid β ∈ {1, 4/5, 2/3, 7/10, 13/20}; ${budget} per-sample gradients each`,
        READING_NOTE,
        `"fastest" is read as the fewest samples to reach each instance's target f (the median of the five ` +
          `arms' best f within the horizon); holds when β = 2/3 is fastest on ≥ 2/3 of the ` +
          `instances${quick ? '; QUICK run' : ''}`,
      ],
      observed: rs.flatMap(observedRows),
      agreesWithPaper: agreesFromClaims(claims),
      claims,
      data: { instances: seeds, budget, readings: readingsData(rs) },
      plots: rs.map((r) => r.plot),
    };
  },
};
