/** The command line as scripts see it: exit codes, one-line errors, byte-identical replays. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'gensmooth.mjs');
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gensmooth CLI', () => {
  it('list prints built-ins and conditions with parameters', () => {
    const r = run('list');
    expect(r.code).toBe(0);
    for (const name of ['phase-retrieval', 'dro-chi2', 'matrix-factorization', 'logistic', 'quartic-saddle', 'mlp'])
      expect(r.out).toContain(`builtin ${name}`);
    for (const c of ['lsmooth', 'l0l1', 'l0l1-alpha', 'descent', 'gpl', 'curvature-gap', 'aiming'])
      expect(r.out).toContain(`condition ${c} `);
  });

  it('check: holds → 0, fails → 1 with a counterexample in the JSON', () => {
    const a = run('check', 'expr:x^2', '--condition', 'lsmooth:L=2', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).results[0].verdict).toBe('holds');
    const b = run('check', 'expr:x^2', '--condition', 'lsmooth:L=1.9', '--json');
    expect(b.code).toBe(1);
    const res = JSON.parse(b.out).results[0];
    expect(res.verdict).toBe('fails');
    expect(res.counterexample.x).toHaveLength(1);
    expect(res.claimed).toEqual({ L: 1.9 });
  });

  it('the same command and seed gives byte-identical JSON across processes', () => {
    const args = [
      'check',
      'expr:x1^4 + x2^2 - x1*x2',
      '--condition',
      'l0l1',
      '--condition',
      'descent:L1=1',
      '--seed',
      '42',
      '--samples',
      '400',
      '--json',
    ];
    const a = run(...args),
      b = run(...args);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const v1 = run('verify', 'builtin:logistic?n=30&d=3', '--seed', '3', '--json'),
      v2 = run('verify', 'builtin:logistic?n=30&d=3', '--seed', '3', '--json');
    expect(v1.out).toBe(v2.out);
    expect(JSON.parse(v1.out).verdict).toBe('ok');
  });

  it('verify reports a wrong module gradient with exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const file = join(dir, 'bad.mjs');
    writeFileSync(
      file,
      'export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad(x, g) { g[0] = 2*x[0]; g[1] = 2.2*x[1]; } };\n',
    );
    const r = run('verify', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).verdict).toBe('mismatch');
    const ts = join(dir, 'good.ts');
    writeFileSync(
      ts,
      'const f = { name: "bowl", dim: 2, value: (x: Float64Array) => x[0] ** 2 + 3 * x[1] ** 2, grad(x: Float64Array, g: Float64Array) { g[0] = 2 * x[0]; g[1] = 6 * x[1]; } };\nexport default f;\n',
    );
    const t = run('verify', ts, '--json');
    expect(t.code).toBe(0);
  });

  const usage: [string, string[], RegExp][] = [
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['unknown flag', ['check', 'expr:x^2', '--frob'], /--frob/],
    ['unknown condition', ['check', 'expr:x^2', '--condition', 'smooth'], /unknown condition "smooth"/],
    ['unknown parameter', ['check', 'expr:x^2', '--condition', 'lsmooth:K=1'], /unknown parameter "K"/],
    ['malformed number', ['check', 'expr:x^2', '--condition', 'l0l1:L0=abc'], /L0 must be a finite number/],
    ['reversed box', ['check', 'expr:x^2', '--box', '3:-3'], /LO < HI/],
    ['negative samples', ['check', 'expr:x^2', '--samples', '-1'], /--samples/],
    ['malformed expression', ['check', 'expr:x^^2'], /malformed expression/],
    ['unknown built-in', ['check', 'builtin:nope'], /unknown built-in objective "nope"/],
    ['unknown built-in parameter', ['verify', 'builtin:logistic?q=3'], /unknown parameter "q"/],
    ['missing module', ['verify', './nope.ts'], /does not exist/],
    [
      'wrong xstar length',
      ['check', 'expr:x1^2+x2^2', '--condition', 'aiming', '--xstar', '1'],
      /has 1 entries but the objective has dimension 2/,
    ],
    ['hostile expression', ['verify', 'expr:constructor'], /unknown symbol "constructor"/],
  ];
  it.each(usage)('usage error (%s) → exit 2 and one line on stderr', (_name, args, msg) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('a module without a usable default export → exit 2; an objective that throws → exit 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const none = join(dir, 'none.mjs');
    writeFileSync(none, 'export const x = 1;\n');
    expect(run('verify', none).code).toBe(2);
    const throws = join(dir, 'throws.mjs');
    writeFileSync(
      throws,
      'export default { dim: 1, value() { throw new Error("boom"); }, grad() { throw new Error("boom"); } };\n',
    );
    const r = run('verify', throws);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/threw at x = .*boom/);
    const nan = join(dir, 'nan.mjs');
    writeFileSync(nan, 'export default { dim: 1, value: () => NaN, grad(x, g) { g[0] = NaN; } };\n');
    expect(run('verify', nan).code).toBe(3);
  });
});

describe('module objectives: shapes', () => {
  it('a gradient returned as an array of the wrong length → exit 3 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const f = join(dir, 'len.mjs');
    writeFileSync(f, 'export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad: (x) => [2*x[0]] };\n');
    const r = run('verify', f);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/grad returned 1 entries, expected dim = 2/);
    const ok = join(dir, 'arr.mjs');
    writeFileSync(ok, 'export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad: (x) => [2*x[0], 2*x[1]] };\n');
    expect(run('verify', ok).code).toBe(0);
  });
  it('a class as default export is instantiated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const f = join(dir, 'cls.mjs');
    writeFileSync(
      f,
      'export default class Q { dim = 1; value(x) { return x[0]**4; } grad(x, g) { g[0] = 4*x[0]**3; } hvp(x, v, o) { o[0] = 12*x[0]**2*v[0]; } };\n',
    );
    const r = run('check', f, '--condition', 'l0l1:L1=2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].estimate.L0).toBeCloseTo(4, 3);
  });
});

describe('gensmooth estimator', () => {
  it('NSGD fails and I-NSG holds on the bias example; exit 1 because a claim fails; JSON replays', () => {
    const args = ['estimator', 'builtin:nsgd-bias-example', '--beta', '1', '--json', '--seed', '2'];
    const r = run(...args);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.results.map((x: { verdict: string }) => x.verdict)).toEqual(['fails', 'holds']);
    expect(run(...args).out).toBe(r.out);
    expect(run('estimator', 'builtin:nsgd-bias-example', '--estimator', 'insg').code).toBe(0);
  });
  it('an objective without samples is a usage error', () => {
    const r = run('estimator', 'expr:x^2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no finite-sum structure/);
  });
});

describe('gensmooth optimize', () => {
  it('writes the contract JSON and replays byte-identically', () => {
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
    const a = run(...args);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.out);
    for (const k of ['objective', 'dim', 'seed', 'method', 'iters', 'trace', 'x', 'status'])
      expect(j).toHaveProperty(k);
    expect(j.method.name).toBe('insgd');
    expect(j.trace[0]).toHaveProperty('gradNorm');
    expect(j.trace[j.trace.length - 1].t).toBe(300);
    expect(run(...args).out).toBe(a.out);
  });
  it('usage errors: unknown method, missing parameter, bad value', () => {
    expect(run('optimize', 'expr:x^2', '--method', 'newton').err).toMatch(/unknown method "newton"/);
    expect(run('optimize', 'expr:x^2', '--method', 'gd').err).toMatch(/needs gamma/);
    expect(run('optimize', 'expr:x^2', '--method', 'gd:gamma=-1').code).toBe(2);
    expect(run('optimize', 'expr:x^2').code).toBe(2);
  });
  it('a diverging run reports its status', () => {
    const r = run('optimize', 'expr:x^4', '--method', 'gd:gamma=10', '--iters', '50', '--x0', '3', '--json');
    expect(JSON.parse(r.out).status).toMatch(/diverged|nonfinite/);
  });
});

describe('optimize --out', () => {
  it('writes the run as a report (trace plot, JSON, Markdown, HTML)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gs-')), 'run');
    const r = run('optimize', 'builtin:poly-quartic', '--method', 'gd:gamma=0.01', '--iters', '100', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.run.result.trace.at(-1).t).toBe(100);
    expect(j.plots.map((p: { file: string }) => p.file)).toEqual(['optimizer-trace.svg']);
  });
});
