/** `gensmooth optimize` (cli/optimize.ts): a method on an objective, its trace as the contract's JSON or a report. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth optimize', () => {
  it('writes the contract JSON and replays byte-identically', async () => {
    const args = [
      'optimize',
      'builtin:phase-retrieval?d=10&m=100',
      '--method',
      'insgd:gamma=0.1,beta=0.6666666666666666,L1=1,delta=1,batch=8,batch2=2',
      '--iters',
      '300',
      '--seed',
      '5',
      '--json',
    ];
    const a = await runMain(...args);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.out);
    for (const k of ['objective', 'dim', 'seed', 'method', 'iters', 'trace', 'x', 'status'])
      expect(j).toHaveProperty(k);
    expect(j.method.name).toBe('insgd');
    expect(j.trace[0]).toHaveProperty('gradNorm');
    expect(j.trace[j.trace.length - 1].t).toBe(300);
    expect((await runMain(...args)).out).toBe(a.out);
  });
  it('usage errors: unknown method, missing parameter, bad value', async () => {
    expect((await runMain('optimize', 'expr:x^2', '--method', 'newton')).err).toMatch(/unknown method "newton"/);
    expect((await runMain('optimize', 'expr:x^2', '--method', 'gd')).err).toMatch(/needs gamma/);
    expect((await runMain('optimize', 'expr:x^2', '--method', 'gd:gamma=-1')).code).toBe(2);
    expect((await runMain('optimize', 'expr:x^2')).code).toBe(2);
  });
  it('a diverging run reports its status', async () => {
    const r = await runMain('optimize', 'expr:x^4', '--method', 'gd:gamma=10', '--iters', '50', '--x0', '3', '--json');
    expect(JSON.parse(r.out).status).toMatch(/diverged|nonfinite/);
  });
  it('in words: the first and last iterate and the status; --record-every thins the trace', async () => {
    const r = await runMain('optimize', 'expr:x^2', '--method', 'gd:gamma=0.25', '--iters', '10', '--x0', '2');
    // x_t = 2·(1/2)^t: f(x_10) = 4/4^10, ‖∇f‖ = 4/2^10; every parameter of the method shown, defaults too.
    expect(r.out).toBe(
      'expr:x^2 (dim 1, seed 1) with gd schedule=constant, warmup=100, K0=1, K1=0, gamma=0.25\n' +
        '  t = 0: f = 4.0000000, ‖∇f‖ = 4.000\n  t = 10: f = 0.0000038146973, ‖∇f‖ = 0.003906\n  status: done\n',
    );
    const j = JSON.parse(
      (
        await runMain(
          'optimize',
          'expr:x^2',
          '--method',
          'gd:gamma=0.25',
          '--iters',
          '10',
          '--record-every',
          '5',
          '--json',
        )
      ).out,
    );
    expect(j.trace.map((p: { t: number }) => p.t)).toEqual([0, 5, 10]);
  });
  it('needs --method, one objective, and an --x0 of its dimension', async () => {
    expect((await runMain('optimize', 'expr:x^2')).err).toMatch(
      /optimize needs --method SPEC, e.g. --method gd:gamma=0.01/,
    );
    expect((await runMain('optimize', 'expr:x^2', 'expr:x^4', '--method', 'gd:gamma=1')).err).toMatch(
      /takes one OBJECTIVE/,
    );
    expect((await runMain('optimize', 'expr:x1^2+x2^2', '--method', 'gd:gamma=1', '--x0', '1')).err).toMatch(
      /--x0 has 1 entries but the objective has dimension 2/,
    );
  });
});

describe('optimize --out', () => {
  it('writes the run as a report (trace plot, JSON, Markdown, HTML)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gs-')), 'run');
    const r = await runMain(
      'optimize',
      'builtin:poly-quartic',
      '--method',
      'gd:gamma=0.01',
      '--iters',
      '100',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.run.result.trace.at(-1).t).toBe(100);
    expect(j.plots.map((p: { file: string }) => p.file)).toEqual(['optimizer-trace.svg']);
  });
});
