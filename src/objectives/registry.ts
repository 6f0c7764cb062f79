/** The built-in objectives, by the names the contract fixes (plus additions). */
import type { BuiltinDef } from './objective.ts';
import { biasExample } from './builtin/bias-example.ts';
import { droChi2 } from './builtin/dro-chi2.ts';
import { logistic } from './builtin/logistic.ts';
import { matrixFactorization } from './builtin/matrix-factorization.ts';
import { mlp } from './builtin/mlp.ts';
import { mnistSoftmax } from './builtin/mnist.ts';
import { mnistMlp } from './builtin/mnist-mlp.ts';
import { polyQuartic, sigmoidLike } from './builtin/one-dim.ts';
import { phaseRetrieval } from './builtin/phase-retrieval.ts';
import { quarticSaddle } from './builtin/quartic-saddle.ts';

export const BUILTINS: BuiltinDef[] = [
  phaseRetrieval,
  droChi2,
  matrixFactorization,
  logistic,
  quarticSaddle,
  mlp,
  sigmoidLike,
  polyQuartic,
  biasExample,
  mnistSoftmax,
  mnistMlp,
];

export function findBuiltin(name: string): BuiltinDef | undefined {
  return BUILTINS.find((b) => b.name === name);
}
