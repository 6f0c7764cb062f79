/** I-NSGD paper §4.1, Figure 2 (right): the size of the independent batch |B'| on phase retrieval. */
import { agreesFromClaims, fastestClaim } from '../claims.ts';
import type { ExperimentDef } from './arms.ts';
import {
  B23,
  insgdArm,
  instances,
  observedRows,
  PR_HORIZON,
  prObjective,
  READING_NOTE,
  readingsData,
  runReadings,
} from './insgd-setup.ts';

export const insgdBatch2Sweep: ExperimentDef = {
  name: 'insgd-batch2-sweep',
  title: "I-NSGD on phase retrieval: the size of the independent batch |B'|",
  run(seed, quick) {
    const seeds = instances(seed, quick);
    const budget = quick ? PR_HORIZON / 4 : PR_HORIZON;
    const arms = (r: 'paper-text' | 'authors-code') =>
      [4, 8, 16, 32, 64].map((b2) => insgdArm('pr', r, `|B'| = ${b2}`, B23, b2));
    const rs = runReadings({
      name: 'batch2-sweep',
      title: "I-NSGD, |B'| ∈ {4, 8, 16, 32, 64}",
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
      fastestClaim(r.comparison, ["|B'| = 4", "|B'| = 8"], {
        id: 'small-batch2',
        statement:
          "a very small independent batch (|B'| = 4 or 8) gives the fastest convergence among |B'| ∈ {4, 8, " +
          '16, 32, 64} (Figure 2 right)',
        reading: r.reading,
      }),
    );
    return {
      name: this.name,
      title: this.title,
      setting: [
        `I-NSGD with γ = 0.5, β = 2/3, δ = 15, |B| = 64 on the §4.1 instances (data seeds ` +
          `${seeds.join(', ')}); the paper's grid |B'| ∈ {4, 8, 16, 32, 64} at an equal budget of ${budget} ` +
          `per-sample gradients (|B| + |B'| a step)`,
        READING_NOTE,
        `the paper says |B'| = 4 or 8 is "fast and stable"; judged as: the fewest samples to each instance's ` +
          `target f is reached with |B'| = 4 or 8 (stability is not scored)${quick ? '; QUICK run' : ''}`,
      ],
      observed: rs.flatMap(observedRows),
      agreesWithPaper: agreesFromClaims(claims),
      claims,
      data: { instances: seeds, budget, readings: readingsData(rs) },
      plots: rs.map((r) => r.plot),
    };
  },
};
