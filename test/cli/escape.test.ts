/** `gensmooth escape` (cli/escape.ts): the saddle test at a point, saddle avoidance, escape time against dimension. */
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth escape', () => {
  it('--at: the origin of x1² − x2² is a strict saddle with λmin = −2, λmax = 2', async () => {
    const r = await runMain('escape', 'expr:x1^2 - x2^2', '--at', '0,0', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.strict).toBe(true);
    expect(j.lambdaMin).toBeCloseTo(-2, 6);
    expect(j.lambdaMax).toBeCloseTo(2, 6);
    expect(j.gradNorm).toBe(0);
    expect(j.dimer.curvature).toBeCloseTo(-2, 3);
    const text = await runMain('escape', 'expr:x1^2 + x2^2', '--at', '0,0');
    expect(text.out).toMatch(/: not a strict saddle\n/);
  });
  const usage: [string, string[], RegExp][] = [
    ['no objective', ['escape'], /escape takes one OBJECTIVE/],
    ['no method', ['escape', 'builtin:quartic-saddle'], /escape needs --method SPEC .* or --at X for the saddle test/],
    [
      '--avoid without a saddle',
      ['escape', 'expr:x^2', '--avoid', '--method', 'gd:gamma=0.1'],
      /escape --avoid needs --method SPEC and --saddle/,
    ],
    [
      '--avoid with a stochastic method',
      ['escape', 'builtin:logistic?n=5&d=2', '--avoid', '--method', 'sgd:gamma=0.1,batch=1', '--saddle', '0,0'],
      /about deterministic update maps/,
    ],
    [
      'a dimension sweep on an objective without d',
      ['escape', 'expr:x^2', '--method', 'pgd:gamma=0.1,r=0.001'],
      /needs a built-in with a d parameter \(builtin:quartic-saddle\), got "expr:x\^2"/,
    ],
    [
      'bad dimensions',
      ['escape', 'builtin:quartic-saddle', '--method', 'pgd:gamma=0.1,r=0.001', '--dims', '2,0'],
      /--dims entries must be integers in \[1, 1e6\], got "0"/,
    ],
    [
      'a radius that is not positive',
      ['escape', 'builtin:quartic-saddle', '--method', 'pgd:gamma=0.1,r=0.001', '--radius', '0'],
      /--radius must be > 0/,
    ],
  ];
  it.each(usage)('%s is a usage error', async (_n, args, msg) => {
    const r = await runMain(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
});
