/** `gensmooth list` (cli/list.ts): every built-in, condition and method with its parameters, one per line. */
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';
import { CONDITIONS } from '../../src/conditions/registry.ts';
import { BUILTINS } from '../../src/objectives/registry.ts';
import { METHODS } from '../../src/optim/methods.ts';

describe('gensmooth list', () => {
  it('list prints built-ins and conditions with parameters', async () => {
    const r = await runMain('list');
    expect(r.code).toBe(0);
    for (const name of ['phase-retrieval', 'dro-chi2', 'matrix-factorization', 'logistic', 'quartic-saddle', 'mlp'])
      expect(r.out).toContain(`builtin ${name}`);
    for (const c of ['lsmooth', 'l0l1', 'l0l1-alpha', 'descent', 'gpl', 'curvature-gap', 'aiming'])
      expect(r.out).toContain(`condition ${c} `);
  });
  it('one line per entry, in table order, with defaults, choices and what each needs', async () => {
    const lines = (await runMain('list')).out.trimEnd().split('\n');
    expect(lines).toHaveLength(BUILTINS.length + CONDITIONS.length + METHODS.length);
    expect(lines[0]).toMatch(/^builtin phase-retrieval d=\d+ m=\d+ /);
    expect(lines).toContain('condition l0l1 L0 L1 alpha=1: ‖∇²f(x)‖ ≤ L0 + L1·‖∇f(x)‖^alpha (Hessian form)');
    expect(lines.find((l) => l.startsWith('condition aiming '))).toMatch(/\(needs --xstar\)$/);
    expect(lines.find((l) => l.startsWith('condition l0l1-local '))).toMatch(/\(needs L1\)$/);
    expect(lines.find((l) => l.startsWith('condition anisotropic '))).toMatch(/kernel=quadratic\|smooth-clip\|/);
    expect(lines.find((l) => l.startsWith('method sgd '))).toMatch(/\(stochastic: needs a finite sum\)$/);
    expect(lines.filter((l) => l.startsWith('method ')).map((l) => l.split(' ')[1])).toEqual(
      METHODS.map((m) => m.name),
    );
  });
  it('takes no options', async () => {
    const r = await runMain('list', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^gensmooth: list: Unknown option '--json'/);
  });
});
