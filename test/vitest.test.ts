/** gensmooth/vitest: module paths resolved like imports, replay lines that replay. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import { makeBuiltin, resolveObjective } from '../src/objectives/spec.ts';
import { installMatchers, replayFor, resolveModulePath, satisfy } from '../src/vitest.ts';
import { BIN } from './bin.ts';

installMatchers(expect);
const ROOT = join(__dirname, '..');
// The worked example's objective, written relative to this test file.
const REL = '../examples/user-ci/objectives/softplus-quartic.ts';
const ABS = join(ROOT, 'examples', 'user-ci', 'objectives', 'softplus-quartic.ts');
const O = { box: [-3, 3] as [number, number], seed: 1, samples: 100 };

/** The words of a replay line (single-quoted words as the shell reads them). */
const words = (line: string) =>
  [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2],
  );

describe('module paths', () => {
  it('resolve against the running test file, not process.cwd()', () => {
    expect(__dirname).not.toBe(process.cwd());
    expect(resolveModulePath(REL)).toBe(ABS);
    expect(resolveModulePath('./x.ts', undefined, '/a/b/c.test.ts')).toBe('/a/b/x.ts');
  });

  it('cwd: a directory, a file URL string (import.meta.url), a URL object; absolute paths and file URLs as they are', () => {
    expect(resolveModulePath('objectives/x.ts', '/base')).toBe('/base/objectives/x.ts');
    expect(resolveModulePath('./x.ts', 'file:///base/dir/test.ts')).toBe('/base/dir/x.ts');
    expect(resolveModulePath('../x.ts', new URL('file:///base/dir/'))).toBe('/base/x.ts');
    expect(resolveModulePath('/abs/x.ts', '/base')).toBe('/abs/x.ts');
    expect(resolveModulePath(pathToFileURL('/abs/y.ts').href, '/base')).toBe('/abs/y.ts');
    expect(() => resolveModulePath('./x.ts', new URL('https://example.org/'))).toThrow(UsageError);
  });

  it('the matcher and satisfy() find a module next to the test file; the replay path is relative to the shell’s cwd', async () => {
    const r = await satisfy(REL, 'l0l1:L0=4,L1=3', O);
    expect(words(r.replay).slice(0, 4)).toEqual(['npx', 'gensmooth', 'check', relative(process.cwd(), ABS)]);
    await expect(REL).toSatisfy('l0l1:L0=4,L1=3', O);
    // the same module through cwd = this file's URL, and a missing one named as written
    await expect(REL).toSatisfy('l0l1:L0=4,L1=3', { ...O, cwd: import.meta.url });
    await expect(satisfy('./nope.ts', 'lsmooth', O)).rejects.toThrow(
      /objective module ".*test\/nope\.ts" does not exist/,
    );
  });
});

describe("vitest's own toSatisfy(predicate, message?), which installMatchers replaces", () => {
  it('still works, synchronously, also as an asymmetric matcher', () => {
    expect(5).toSatisfy((v: number) => v > 3);
    expect(1).not.toSatisfy((v: number) => v > 3);
    expect(() => expect(1).toSatisfy((v: number) => v > 3, 'more than 3')).toThrow(
      'expected value to satisfy more than 3',
    );
    expect(() => expect(5).not.toSatisfy((v: number) => v > 3)).toThrow(
      'expected value to not satisfy provided function',
    );
    expect({ a: 5 }).toEqual({ a: expect.toSatisfy((v: number) => v > 3) });
    expect({ a: 1 }).not.toEqual({ a: expect.toSatisfy((v: number) => v > 3) });
  });
});

describe('replay lines', () => {
  it('a failing claim on a module: the replay command exits 1 with the same counterexample', async () => {
    const r = await satisfy(REL, 'lsmooth:L=10', O);
    expect(r.pass).toBe(false);
    const [npx, gensmooth, ...args] = words(r.replay);
    expect([npx, gensmooth]).toEqual(['npx', 'gensmooth']);
    const cli = spawnSync(process.execPath, [BIN, ...args, '--json'], { cwd: process.cwd(), encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(1);
    const res = JSON.parse(cli.stdout).results[0];
    expect(res.verdict).toBe('fails');
    expect(res.counterexample.x).toEqual(r.result.counterexample!.x);
    expect(res.counterexample.y).toEqual(r.result.counterexample!.y);
  });

  it('the failure message carries the counterexample, the command for the point alone, and the replay command', async () => {
    await expect(expect('expr:x^2').toSatisfy('lsmooth:L=1.9', O)).rejects.toThrow(
      /expected expr:x\^2 to satisfy lsmooth:L=1.9: fails\n {2}counterexample x = .*\n {2}the point alone: npx gensmooth check 'expr:x\^2' --condition lsmooth:L=1.9 --box -3:3 --seed 1 --samples 100 --at \S+ --at \S+\n {2}replay: npx gensmooth check 'expr:x\^2' --condition lsmooth:L=1.9 --box -3:3 --seed 1 --samples 100$/,
    );
  });
  it('a domain option reaches the check, and its replay line names it', async () => {
    const r = await satisfy('expr:x^2 + x^4', 'lsmooth', { domain: 'sublevel:2', samples: 300 });
    expect(r.result.domain).toMatchObject({ kind: 'sublevel', level: 2 });
    expect(r.result.estimate.L as number).toBeLessThanOrEqual(14 * (1 + 1e-9));
    expect(r.result.estimate.L as number).toBeGreaterThan(13);
    expect(r.replay).toContain('--domain sublevel:2');
  });

  it('an objective object: built-ins and expressions replay by their names, a module by its path', async () => {
    const b = makeBuiltin('poly-quartic');
    expect(replayFor(b, 'l0l1', O)).toBe(
      `npx gensmooth check ${b.name} --condition l0l1 --box -3:3 --seed 1 --samples 100`,
    );
    const m = await resolveObjective(relative(process.cwd(), ABS));
    expect(words(replayFor(m, 'lsmooth:L=10', { ...O, fstar: 0, xstar: [0, 0] }))).toEqual([
      ...['npx', 'gensmooth', 'check', relative(process.cwd(), ABS), '--condition', 'lsmooth:L=10'],
      ...['--box', '-3:3', '--seed', '1', '--samples', '100', '--fstar', '0', '--xstar', '0,0'],
    ]);
    const r = await satisfy(m, 'lsmooth:L=10', O);
    expect(r.replay).toMatch(/^npx gensmooth check examples\/user-ci\/objectives\/softplus-quartic\.ts /);
  });

  it('an object no command line can build: the API call that replays it', async () => {
    const quad = {
      name: 'my-quadratic',
      dim: 1,
      value: (x: Float64Array) => x[0] * x[0],
      grad: (x: Float64Array, out: Float64Array) => ((out[0] = 2 * x[0]), x[0] * x[0]),
    };
    const r = await satisfy(quad, 'lsmooth:L=1.9', { ...O, seed: 'ci-7' });
    expect(r.pass).toBe(false);
    expect(r.replay).toBe(
      'await satisfy(objective, "lsmooth:L=1.9", { box: [-3, 3], seed: "ci-7", samples: 100 }) with the objective object "my-quadratic" (from gensmooth/vitest; no command line builds it)',
    );
    // and that call does replay it: the same counterexample
    const again = await satisfy(quad, 'lsmooth:L=1.9', { box: [-3, 3], seed: 'ci-7', samples: 100 });
    expect(again.result.counterexample).toEqual(r.result.counterexample);
  });

  it('a module path that no longer exists is not offered as a command', () => {
    const gone = {
      name: join(mkdtempSync(join(tmpdir(), 'gs-replay-')), 'gone.ts'),
      dim: 1,
      value: () => 0,
      grad: () => 0,
    };
    expect(replayFor(gone, 'lsmooth', O)).toMatch(/^await satisfy\(objective, "lsmooth"/);
  });
});
