/** `gensmooth rate` (cli/rate.ts): T(ε) against a theorem's prediction; its theorems, targets and usage errors. */
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth rate', () => {
  it('T(ε) of GD on a quadratic: every target reached, in words and as JSON', async () => {
    const args = ['rate', 'expr:x^2', '--method', 'gd:gamma=0.25', '--eps', '1e-2:1e-6:3', '--x0', '1', '--fstar', '0'];
    const r = await runMain(...args);
    expect(r.code).toBe(0);
    // f_t = (1/2)^{2t}: f ≤ 1e-2 at t = 4, ≤ 1e-4 at t = 7, ≤ 1e-6 at t = 10.
    expect(r.out).toContain('ε = 1.00e-2: T = 4\n');
    expect(r.out).toContain('ε = 1.00e-4: T = 7\n');
    expect(r.out).toContain('ε = 1.00e-6: T = 10\n');
    const j = JSON.parse((await runMain(...args, '--json')).out);
    expect(j.hits.map((h: { iters: number }) => h.iters)).toEqual([4, 7, 10]);
  });
  const usage: [string, string[], RegExp][] = [
    ['no objective', ['rate'], /rate takes one OBJECTIVE/],
    ['no method', ['rate', 'expr:x^2'], /rate needs --method SPEC/],
    [
      'malformed targets',
      ['rate', 'expr:x^2', '--method', 'gd:gamma=0.1', '--eps', '1e-6:1e-2:5'],
      /--eps must be HI:LO:K with HI > LO > 0 and 3 ≤ K ≤ 100/,
    ],
    ['too few targets', ['rate', 'expr:x^2', '--method', 'gd:gamma=0.1', '--eps', '1:0.1:2'], /3 ≤ K ≤ 100/],
    [
      'no f*',
      ['rate', 'expr:x^2', '--method', 'gd:gamma=0.1'],
      /rate needs f\*: expr:x\^2 has none known; pass --fstar/,
    ],
    [
      'an unknown theorem',
      ['rate', 'expr:x^2', '--method', 'ngd:gamma=1', '--theorem', 'nope'],
      /--theorem: unknown theorem "nope" \(theorems: ngd-gpl, insgd-samples, ggnc-n\)/,
    ],
    [
      'a theorem parameter missing',
      ['rate', 'expr:x^2', '--method', 'ngd:gamma=1', '--theorem', 'ngd-gpl:mu=1'],
      /--theorem ngd-gpl needs rho, L0, L1 \(write ngd-gpl:rho=\.\.\.,L0=\.\.\.,L1=\.\.\.\)/,
    ],
    [
      'the theorem of another method',
      ['rate', 'expr:x^2', '--method', 'gd:gamma=1', '--theorem', 'ngd-gpl:mu=1,rho=2,L0=1,L1=0'],
      /--theorem ngd-gpl is about ngd/,
    ],
    [
      'a scaling check with the wrong method',
      ['rate', 'expr:x^2', '--method', 'gd:gamma=1', '--theorem', 'insgd-samples'],
      /--theorem insgd-samples is about insgd/,
    ],
  ];
  it.each(usage)('%s is a usage error', async (_n, args, msg) => {
    const r = await runMain(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
});
