/** Lipschitz-type: L-smoothness of the gradient (the L1 = 0 case of every (L0,L1) form). */
import { ZERO, gradDiffRatio, identity, pair, sample, type ConditionDef } from '../model.ts';

export const LIPSCHITZ: ConditionDef[] = [
  {
    name: 'lsmooth',
    family: 'lipschitz',
    inequality: '‖∇f(x) − ∇f(y)‖ ≤ L‖x − y‖',
    kind: 'pair',
    params: [{ name: 'L', doc: 'Lipschitz constant of the gradient', role: 'A', min: 0 }],
    A: identity('L'),
    B: null,
    tangents: true,
    evaluate(ctx, z) {
      const { x, y } = pair(z, ctx.n);
      const q = gradDiffRatio(ctx, x, y);
      return q && sample(q, ZERO, ctx.n, 'pair');
    },
    references: 'standard L-smoothness',
  },
];
