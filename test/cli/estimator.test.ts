/** `gensmooth estimator` (cli/estimator.ts): the I-NSGD estimator claim tested by Monte Carlo, exit 1 when a claim fails. */
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth estimator', () => {
  it('NSGD fails and I-NSG holds on the bias example; exit 1 because a claim fails; JSON replays', async () => {
    const args = ['estimator', 'builtin:nsgd-bias-example', '--beta', '1', '--json', '--seed', '2'];
    const r = await runMain(...args);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.results.map((x: { verdict: string }) => x.verdict)).toEqual(['fails', 'holds']);
    expect((await runMain(...args)).out).toBe(r.out);
    expect((await runMain('estimator', 'builtin:nsgd-bias-example', '--estimator', 'insg')).code).toBe(0);
  });
  it('an objective without samples is a usage error', async () => {
    const r = await runMain('estimator', 'expr:x^2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no finite-sum structure/);
  });
  it('in words: each estimator’s verdict, its claim and the statistics behind it', async () => {
    const r = await runMain('estimator', 'builtin:nsgd-bias-example', '--estimator', 'insg', '--seed', '2');
    expect(r.out).toMatch(/^builtin:nsgd-bias-example at x = \[0\.000, 0\.000\]\ninsg: holds/);
    expect(r.out).toMatch(/Hotelling T² = [\d.]+ on 1 directions ⊥ ∇F, p = /);
  });
  const usage: [string, string[], RegExp][] = [
    ['an unknown estimator', ['--estimator', 'sgd'], /--estimator must be nsgd or insg, got "sgd"/],
    ['β outside (0, 2]', ['--beta', '3'], /--beta must be in \(0, 2\], got 3/],
    ['α outside (0, 1)', ['--alpha', '1'], /--alpha must be in \(0, 1\), got 1/],
    ['a resolution that is not positive', ['--resolution', '0'], /--resolution must be > 0/],
    ['a budget below 100', ['--budget', '10'], /--budget must be at least 100/],
    ['a point of the wrong dimension', ['--at', '1'], /--at has 1 entries but the objective has dimension 2/],
  ];
  it.each(usage)('%s is a usage error', async (_n, extra, msg) => {
    const r = await runMain('estimator', 'builtin:nsgd-bias-example', ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
});
