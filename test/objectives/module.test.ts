/**
 * Module objectives (objectives/module.ts): .mjs, .js and .ts default exports, classes, the
 * CommonJS interop default, arrays returned as gradients, and a usage error (exit 2) naming what
 * to change for each malformed module; an objective that throws is the objective's fault (exit 3).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModuleObjective } from '../../src/objectives/module.ts';
import { ObjectiveError, UsageError } from '../../src/errors.ts';
import { runMain } from '../cli/run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-module-'));
let k = 0;
/** Write a module file and return its path. */
const mod = (text: string, ext = 'mjs') => {
  const f = join(dir, `m${k++}.${ext}`);
  writeFileSync(f, text);
  return f;
};
const BOWL = '{ dim: 2, value: (x) => x[0] ** 2 + 3 * x[1] ** 2, grad(x, g) { g[0] = 2 * x[0]; g[1] = 6 * x[1]; } }';

describe('loadModuleObjective', () => {
  it('an .mjs default export: value, gradient (returning f from value), optional members carried', async () => {
    const f = mod(
      `export default { name: 'bowl', ...${BOWL}, fstar: 0, xstar: [0, 0], x0: [1, 1], hvp(x, v, o) { o[0] = 2 * v[0]; o[1] = 6 * v[1]; } };\n`,
    );
    const o = await loadModuleObjective(f);
    const g = new Float64Array(2);
    expect(o.grad(Float64Array.of(1, 2), g)).toBe(13);
    expect([...g]).toEqual([2, 12]);
    expect(o.name).toBe(f);
    expect(o.notes).toEqual(['module objective "bowl"']);
    expect([o.fstar, [...o.xstar!], [...o.x0!]]).toEqual([0, [0, 0], [1, 1]]);
    const h = new Float64Array(2);
    o.hvp!(Float64Array.of(0, 0), Float64Array.of(1, 1), h);
    expect([...h]).toEqual([2, 6]);
  });
  it('a TypeScript module loads through tsx', async () => {
    const f = mod(
      'const f = { dim: 1, value: (x: Float64Array): number => x[0] ** 4, grad(x: Float64Array, g: Float64Array) { g[0] = 4 * x[0] ** 3; } };\nexport default f;\n',
      'ts',
    );
    const o = await loadModuleObjective(f);
    expect(o.value(Float64Array.of(2))).toBe(16);
  });
  it('CommonJS interop: a default export nested under default is unwrapped', async () => {
    const f = mod(`module.exports = { default: ${BOWL} };\n`, 'cjs');
    // .cjs is loaded by import(): Node gives { default: module.exports }.
    const o = await loadModuleObjective(f);
    expect(o.dim).toBe(2);
    expect(o.value(Float64Array.of(1, 1))).toBe(4);
  });
  it('a class is instantiated with no arguments, its methods bound to the instance', async () => {
    const f = mod(
      'export default class Q { dim = 1; k = 3; value(x) { return this.k * x[0] ** 2; } grad(x, g) { g[0] = 2 * this.k * x[0]; } };\n',
    );
    const o = await loadModuleObjective(f);
    const g = new Float64Array(1);
    expect(o.grad(Float64Array.of(2), g)).toBe(12);
    expect(g[0]).toBe(12);
  });
  it('a gradient returned as an array is copied in; one of the wrong length is an objective error', async () => {
    const ok = await loadModuleObjective(
      mod('export default { dim: 2, value: (x) => x[0] + x[1], grad: () => [1, 1] };\n'),
    );
    const g = new Float64Array(2);
    expect(ok.grad(Float64Array.of(3, 4), g)).toBe(7);
    expect([...g]).toEqual([1, 1]);
    const bad = await loadModuleObjective(mod('export default { dim: 2, value: (x) => x[0], grad: () => [1] };\n'));
    expect(() => bad.grad(Float64Array.of(3, 4), g)).toThrowError(ObjectiveError);
    expect(() => bad.grad(Float64Array.of(3, 4), g)).toThrowError(/grad returned 1 entries, expected dim = 2/);
  });
  const usage: [string, string, RegExp][] = [
    [
      'no default export',
      'export const x = 1;\n',
      /has no usable default export: export default \{ dim, value\(x\), grad\(x, out\) \}/,
    ],
    [
      'a dim that is not a positive integer',
      'export default { dim: 1.5, value() {}, grad() {} };\n',
      /needs an integer dim ≥ 1, got 1.5/,
    ],
    ['no grad', 'export default { dim: 1, value: () => 0 };\n', /default export needs a grad\(\) method/],
    [
      'an hvp that is not a function',
      'export default { dim: 1, value: () => 0, grad() {}, hvp: 3 };\n',
      /hvp must be a function when present/,
    ],
    [
      'x0 of the wrong length',
      'export default { dim: 2, value: () => 0, grad() {}, x0: [1] };\n',
      /x0 has length 1, expected dim = 2/,
    ],
    ['a syntax error', 'export default {;\n', /could not be loaded: /],
    [
      'a class whose constructor throws',
      'export default class A { constructor() { throw new Error("no"); } };\n',
      /constructing the default-export class failed: no/,
    ],
  ];
  it.each(usage)('%s is a usage error naming the module', async (_name, text, msg) => {
    const f = mod(text);
    const e = await loadModuleObjective(f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toMatch(msg);
    expect((e as Error).message).toContain(f);
  });
  it('a missing file says so', async () => {
    await expect(loadModuleObjective('./nope.ts')).rejects.toThrowError(
      new UsageError('objective module "./nope.ts" does not exist'),
    );
  });
});

describe('module objectives from the command line (formerly test/cli.test.ts)', () => {
  it('a module without a usable default export → exit 2; an objective that throws → exit 3', async () => {
    const none = mod('export const x = 1;\n');
    expect((await runMain('verify', none)).code).toBe(2);
    const throws = mod(
      'export default { dim: 1, value() { throw new Error("boom"); }, grad() { throw new Error("boom"); } };\n',
    );
    const r = await runMain('verify', throws);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/threw at x = .*boom/);
    const nan = mod('export default { dim: 1, value: () => NaN, grad(x, g) { g[0] = NaN; } };\n');
    expect((await runMain('verify', nan)).code).toBe(3);
  });
  it('a gradient returned as an array of the wrong length → exit 3 naming it', async () => {
    const f = mod('export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad: (x) => [2*x[0]] };\n');
    const r = await runMain('verify', f);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/grad returned 1 entries, expected dim = 2/);
    const ok = mod('export default { dim: 2, value: (x) => x[0]**2 + x[1]**2, grad: (x) => [2*x[0], 2*x[1]] };\n');
    expect((await runMain('verify', ok)).code).toBe(0);
  });
  it('a class as default export is instantiated', async () => {
    const f = mod(
      'export default class Q { dim = 1; value(x) { return x[0]**4; } grad(x, g) { g[0] = 4*x[0]**3; } hvp(x, v, o) { o[0] = 12*x[0]**2*v[0]; } };\n',
    );
    const r = await runMain('check', f, '--condition', 'l0l1:L1=2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].estimate.L0).toBeCloseTo(4, 3);
  });
});
