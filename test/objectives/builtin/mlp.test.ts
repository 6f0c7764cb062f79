/** builtin:mlp: backprop gradient and R-operator HVP against finite differences (mse and ce), a wrong gradient caught, the finite sum. */
import { describe } from 'vitest';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('mlp', () => {
  passesVerify('mlp');
  catchesWrongGradient('mlp');
  finiteSumConsistent('mlp');
});
