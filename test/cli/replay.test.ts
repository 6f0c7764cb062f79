/** The replay command of a counterexample (cli/replay.ts): one shell line that evaluates it alone with --at. */
import { describe, expect, it } from 'vitest';
import { addReplays, replayAt, shellQuote } from '../../src/cli/replay.ts';
import type { CheckReport, ConditionResult } from '../../src/conditions/result.ts';
import { results } from '../report/fixture.ts';

const report = (rs: ConditionResult[], fstar?: number): CheckReport => ({
  objective: 'expr:x^4',
  dim: 1,
  seed: 1,
  box: [-3, 3],
  domain: {},
  fstar: fstar === undefined ? undefined : { value: fstar, source: 'estimated' },
  results: rs,
  notes: [],
});

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest, escaping single quotes', () => {
    expect(shellQuote('l0l1:L0=1,L1=2')).toBe('l0l1:L0=1,L1=2');
    expect(shellQuote('box:-3:3')).toBe('box:-3:3');
    expect(shellQuote('expr:x^4')).toBe("'expr:x^4'");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });
});

describe('replayAt and addReplays', () => {
  const [holds, fails] = results();
  it('a fails gets check OBJECTIVE --condition SPEC --domain D [--fstar] --at X (--at Y for pairs), in full precision', () => {
    expect(replayAt('expr:x^4', fails, 'box:-3:3', report([fails]))).toBe(
      "npx gensmooth check 'expr:x^4' --condition l0l1:L0=1,L1=1,alpha=1 --domain box:-3:3 --at 2",
    );
    const pair = {
      ...fails,
      condition: 'lsmooth',
      claimed: { L: 0.1 },
      counterexample: { ...fails.counterexample!, x: [1 / 3, -2], y: [0.5, 1e-20] },
    } as ConditionResult;
    expect(replayAt('builtin:poly-quartic', pair, 'box:-1:1', report([pair], -0.3125))).toBe(
      'npx gensmooth check builtin:poly-quartic --condition lsmooth:L=0.1 --domain box:-1:1 --fstar -0.3125 --at 0.3333333333333333,-2 --at 0.5,1e-20',
    );
  });
  it('nothing for other verdicts; addReplays fills in every fails and only those', () => {
    expect(replayAt('expr:x^4', holds, 'box:-3:3', report([holds]))).toBeUndefined();
    const r = report([
      holds,
      { ...fails, counterexample: { ...fails.counterexample!, replay: undefined } } as ConditionResult,
    ]);
    addReplays(r, { objective: 'expr:x^4', domainSpec: 'box:-3:3' });
    expect(r.results[0].counterexample).toBeNull();
    expect(r.results[1].verdict === 'fails' && r.results[1].counterexample.replay).toBe(
      "npx gensmooth check 'expr:x^4' --condition l0l1:L0=1,L1=1,alpha=1 --domain box:-3:3 --at 2",
    );
  });
  it('a condition with its own procedure (growth on spheres) has no single point to replay', () => {
    const growth = { ...fails, condition: 'growth', claimed: { R: 2 } } as ConditionResult;
    expect(replayAt('expr:x^4', growth, 'box:-3:3', report([growth]))).toBeUndefined();
  });
  it('the condition without parameters is written bare', () => {
    const bare = { ...fails, claimed: {} } as ConditionResult;
    expect(replayAt('expr:x^4', bare, 'box:-3:3', report([bare]))).toMatch(/--condition l0l1 --domain/);
  });
});
