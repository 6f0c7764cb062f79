/** builtin:logistic: derivatives against finite differences, a wrong gradient caught, the finite sum. */
import { describe } from 'vitest';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('logistic', () => {
  passesVerify('logistic');
  catchesWrongGradient('logistic');
  finiteSumConsistent('logistic');
});
