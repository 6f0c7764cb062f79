/**
 * Published experiments, reproduced as one seeded command each (`gensmooth experiment
 * NAME --out DIR`), with the paper's setting stated beside what was observed.
 * Where a paper is silent (a constant, a data set we cannot ship) the setting says
 * what we chose. `quick` shortens every run for tests; the report says so. One file per
 * experiment under published/; what they share is published/arms.ts.
 */
import type { ExperimentDef } from './published/arms.ts';
import { insgdPhaseRetrieval } from './published/insgd-phase-retrieval.ts';
import { insgdBetaSweep } from './published/insgd-beta-sweep.ts';
import { insgdBatch2Sweep } from './published/insgd-batch2-sweep.ts';
import { insgdDro } from './published/insgd-dro.ts';
import { nsgdBias } from './published/nsgd-bias.ts';
import { warmupMlp } from './published/warmup-mlp.ts';
import { escapeDimension } from './published/escape-dimension.ts';
import { clippingMnist } from './published/clipping-mnist.ts';
import { samMinority } from './published/sam-minority.ts';
import { deoSaddle } from './published/deo-saddle.ts';
import { zhangSmoothnessMnist } from './published/zhang-smoothness-mnist.ts';
import { warmupCurvatureMnist } from './published/warmup-curvature-mnist.ts';

export type { ExperimentDef } from './published/arms.ts';

export const EXPERIMENTS: ExperimentDef[] = [
  insgdPhaseRetrieval,
  insgdBetaSweep,
  insgdBatch2Sweep,
  insgdDro,
  nsgdBias,
  warmupMlp,
  escapeDimension,
  clippingMnist,
  samMinority,
  deoSaddle,
  zhangSmoothnessMnist,
  warmupCurvatureMnist,
];

export function findExperiment(name: string): ExperimentDef | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}
