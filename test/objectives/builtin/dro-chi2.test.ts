/** builtin:dro-chi2: derivatives against finite differences (kinks allowed for), a wrong gradient caught, the finite sum. */
import { describe } from 'vitest';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('dro-chi2', () => {
  passesVerify('dro-chi2');
  catchesWrongGradient('dro-chi2');
  finiteSumConsistent('dro-chi2');
});
