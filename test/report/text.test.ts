/** The words report.md and report.html share (report/text.ts): numbers, table rows, per-result sentences. */
import { describe, expect, it } from 'vitest';
import { domainText, fmt, resultDetails, rows } from '../../src/report/text.ts';
import { buildReport } from '../../src/report/report.ts';
import { checkReport, PROV, results } from './fixture.ts';

describe('fmt', () => {
  it('numbers to 6 significant digits, non-finite by name, strings as they are, the rest as JSON', () => {
    expect(fmt(1 / 3)).toBe('0.333333');
    expect(fmt(123456789)).toBe('123457000');
    expect(fmt(1e-12)).toBe('1e-12');
    expect(fmt(2)).toBe('2');
    expect(fmt(Infinity)).toBe('Infinity');
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt('unbounded')).toBe('unbounded');
    expect(fmt([1, 2])).toBe('[1,2]');
    expect(fmt(null)).toBe('null');
  });
});

describe('rows', () => {
  it('one row per result: condition, claimed, verdict, point estimates, counterexample or reason', () => {
    const { model } = buildReport(checkReport(), PROV);
    expect(rows(model)).toEqual([
      ['l0l1', 'L0=16, L1=1, alpha=1', 'holds', '—', ''],
      ['l0l1', 'L0=1, L1=1, alpha=1', 'fails', '—', 'x = [2]: 48 > 33'],
      ['gpl', 'rho=2', 'estimated', 'mu = 2', ''],
      // A frontier is not a point estimate: it goes to the details.
      ['descent-exp', '—', 'inconclusive', '—', 'condition descent-exp needs L1 (write a|b)'],
    ]);
  });
  it('a pair counterexample shows both points', () => {
    const m = buildReport(checkReport(), PROV).model;
    const c = m.check.results[1];
    if (c.verdict === 'fails') c.counterexample.y = [1.5];
    expect(rows(m)[1][4]).toBe('x = [2], y = [1.5]: 48 > 33');
  });
});

describe('domainText', () => {
  it('a box as [lo, hi]^n, any other domain by its spec', () => {
    const { model } = buildReport(checkReport(), PROV);
    expect(domainText(model)).toBe('box [-3, 3]^1');
    expect(domainText({ ...model, box: { lo: [0], hi: [1] } })).toBe('domain box:-3:3');
  });
});

describe('resultDetails', () => {
  const [holds, fails, est, inc] = results();
  it('a holds: evidence, closest margin and its coverage statement as a sentence', () => {
    expect(resultDetails(holds)).toEqual([
      'Verdict holds from 100 samples (120 evaluations). Closest margin rhs − lhs = 0.5.',
      'No violation in 100 evaluations (60 of them uniform on the domain): fine.',
    ]);
    expect(resultDetails({ ...holds, margin: -1e-15 })[0]).toMatch(
      /= -1e-15 \(below zero only within the error bounds of the two sides\)\.$/,
    );
  });
  it('a fails: the counterexample with its re-check, and the replay command', () => {
    expect(resultDetails(fails)).toEqual([
      'Verdict fails from 100 samples (120 evaluations).',
      'Counterexample x = [2]: lhs 48 > rhs 33, re-checked (bignumber-64).',
      "Replay the point alone: npx gensmooth check 'expr:x^4' --condition l0l1:L0=1,L1=1 --at 2",
    ]);
  });
  it('an inconclusive gives its cause and reason; a frontier is listed first', () => {
    expect(resultDetails(inc)).toEqual([
      'Frontier (tightest pairs): (L1 = 0, L0 = Infinity).',
      'Verdict inconclusive from 100 samples (120 evaluations).',
      'Inconclusive (usage): condition descent-exp needs L1 (write a|b).',
    ]);
  });
  it('tightest constants and Lanczos intervals are stated', () => {
    const d = resultDetails({
      ...est,
      tightest: { L0: 3.5 },
      hessianNorm: { method: 'lanczos', confidence: 0.999, maxRelativeWidth: 0.0123 },
    });
    expect(d).toContain('Tightest over the evidence, the other constants as claimed: L0 = 3.5.');
    expect(d).toContain(
      'Hessian norms by Lanczos intervals (joint confidence 99.9 %, widest decisive interval 1.23 % of its lower end).',
    );
  });
});
