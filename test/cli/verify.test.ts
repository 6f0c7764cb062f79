/** `gensmooth verify` (cli/verify.ts): the objective's derivatives against finite differences, exit 1 on a mismatch. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth verify', () => {
  it('verify reports a wrong module gradient with exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const file = join(dir, 'bad.mjs');
    writeFileSync(
      file,
      'export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad(x, g) { g[0] = 2*x[0]; g[1] = 2.2*x[1]; } };\n',
    );
    const r = await runMain('verify', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).verdict).toBe('mismatch');
    const ts = join(dir, 'good.ts');
    writeFileSync(
      ts,
      'const f = { name: "bowl", dim: 2, value: (x: Float64Array) => x[0] ** 2 + 3 * x[1] ** 2, grad(x: Float64Array, g: Float64Array) { g[0] = 2 * x[0]; g[1] = 6 * x[1]; } };\nexport default f;\n',
    );
    const t = await runMain('verify', ts, '--json');
    expect(t.code).toBe(0);
  });
  it('in words: the verdict, the worst point and the pattern of the mismatch', async () => {
    const ok = await runMain('verify', 'builtin:poly-quartic', '--seed', '2');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^builtin:poly-quartic \(dim 1, seed 2, box \[-3, 3\]\)\n {2}gradient: agrees/);
    expect(ok.out).toMatch(/Hessian-vector product: agrees .*\nverdict: ok\n$/);
    const dir = mkdtempSync(join(tmpdir(), 'gs-'));
    const f = join(dir, 'half.mjs');
    writeFileSync(f, 'export default { dim: 1, value: (x) => x[0]**3, grad(x, g) { g[0] = 1.5*x[0]**2; } };\n');
    const bad = await runMain('verify', f, '--box', '1:2');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('gradient: MISMATCH');
    expect(bad.out).toContain('the gradient is off by a factor 0.5 (it is 0.5 times the finite differences)');
    expect(bad.out).toMatch(/at the worst point along x1: analytic .*, finite differences /);
    expect(bad.out).toContain('Hessian-vector product: not provided (the checks difference the gradient instead)');
    expect(bad.out.endsWith('verdict: mismatch\n')).toBe(true);
  });
  it('takes one objective', async () => {
    const r = await runMain('verify', 'expr:x^2', 'expr:x^4');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^gensmooth: verify takes one OBJECTIVE, got 2: gensmooth verify OBJECTIVE/);
  });
});
