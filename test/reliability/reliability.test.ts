/**
 * Bad input, hostile input, faults, interruption and bounds (docs/reliability.md):
 * every outcome is a result or a documented error, never a crash, and nothing that
 * went wrong yields `holds`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { UsageError } from '../../src/errors.ts';
import { main } from '../../src/cli/main.ts';
import { argvArb, hostileTreeArb, tokenExprArb } from './fuzz-arbs.ts';
import { gs } from '../bin.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-rel-'));
const mod = (name: string, src: string) => {
  const f = join(dir, name);
  writeFileSync(f, src);
  return f;
};

/** An expression either compiles to an objective whose value is a number, or is a usage error. */
function exprOutcome(src: string): 'objective' | 'usage' {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).length;
  const globalsBefore = Object.keys(globalThis).length;
  try {
    const { objective } = exprObjective(src);
    const x = new Float64Array(objective.dim).fill(0.7);
    expect(typeof objective.value(x)).toBe('number');
    return 'objective';
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return 'usage';
  } finally {
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(protoBefore);
    expect(Object.keys(globalThis).length).toBe(globalsBefore);
  }
}

describe('hostile expressions (fuzz, modest size; scripts/fuzz.ts runs it large)', () => {
  test.prop([tokenExprArb], { numRuns: 400 })('token soups', (src) => {
    exprOutcome(src);
  });
  test.prop([hostileTreeArb], { numRuns: 300 })('random trees with hostile identifiers', (src) => {
    exprOutcome(src);
  });
  test.prop([fc.string({ unit: 'binary', maxLength: 30 })], { numRuns: 300 })('random unicode strings', (src) => {
    exprOutcome(src);
  });
});

describe('the command line never crashes (fuzz over argument vectors, in process)', () => {
  test.prop([argvArb], { numRuns: 60 })('every exit code is documented (0–3), never 4', async (argv) => {
    const out = process.stdout.write,
      err = process.stderr.write;
    let stderr = '';
    process.stdout.write = (() => true) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => {
      stderr += s;
      return true;
    }) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(argv.map((a) => (a === '--samples' ? '--samples=50' : a)));
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }
    expect([0, 1, 2, 3], `${argv.join(' ')}: ${stderr}`).toContain(code);
    if (code === 2 || code === 3) expect(stderr.trim().split('\n').length, stderr).toBe(1);
  });
});

describe('objective faults never yield holds', () => {
  it('an objective that throws in check → exit 3 naming where', () => {
    const f = mod(
      'throws.mjs',
      'export default { dim: 1, value(x) { if (x[0] > 2) throw new Error("boom"); return x[0]**2; }, grad(x, g) { if (x[0] > 2) throw new Error("boom"); g[0] = 2*x[0]; } };\n',
    );
    const r = gs('check', f, '--condition', 'lsmooth:L=2');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/threw at x = .*boom/);
  });
  it('NaN everywhere → inconclusive and exit 3; NaN on part of the box → skipped and reported', () => {
    const f = mod(
      'nan.mjs',
      'export default { dim: 1, value: (x) => x[0] > 0 ? x[0]**2 : NaN, grad(x, g) { g[0] = x[0] > 0 ? 2*x[0] : NaN; } };\n',
    );
    const all = JSON.parse(gs('check', f, '--condition', 'lsmooth:L=2', '--box', '-3:-1', '--json').stdout);
    expect(all.results[0].verdict).toBe('inconclusive');
    expect(gs('check', f, '--condition', 'lsmooth:L=2', '--box', '-3:-1').status).toBe(3);
    const part = JSON.parse(gs('check', f, '--condition', 'lsmooth:L=2', '--json').stdout);
    expect(part.results[0].verdict).toBe('holds');
    expect(part.results[0].undefinedSamples).toBeGreaterThan(0);
  });
  it('overflow (exp(x²) on a wide box): a claim that holds where f is finite is inconclusive, exit 3', () => {
    const r = gs('check', 'expr:exp(x^2)', '--box', '-30:30', '--condition', 'l0l1:L0=2,L1=100', '--json');
    expect(r.status).toBe(3);
    const res = JSON.parse(r.stdout).results[0];
    expect(res.verdict).toBe('inconclusive');
    expect(res.cause).toBe('overflow');
  });
  it('a gradient of the wrong length → exit 3', () => {
    const f = mod('len.mjs', 'export default { dim: 2, value: (x) => x[0]**2, grad: (x) => [1, 2, 3] };\n');
    expect(gs('check', f, '--condition', 'lsmooth').status).toBe(3);
  });
});

describe('time limits and resource bounds', () => {
  it('--time-limit stops the search and marks the result partial: a claim is then inconclusive, never holds', () => {
    const r = JSON.parse(
      gs(
        'check',
        'builtin:phase-retrieval?d=60&m=2000',
        '--condition',
        'l0l1:L0=1e9,L1=10',
        '--time-limit',
        '0.5',
        '--json',
      ).stdout,
    );
    expect(r.results[0].partial).toBe(true);
    expect(r.results[0].verdict).toBe('inconclusive');
    expect(r.results[0].cause).toBe('time-limit');
  });
  it('huge sample counts and dimensions fail early with a message', () => {
    expect(gs('check', 'expr:x^2', '--samples', '100000000').stderr).toMatch(/--samples must be at most/);
    const big = gs('check', 'builtin:quartic-saddle?d=100000', '--condition', 'lsmooth');
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/use --samples \d+ or fewer/);
    expect(gs('verify', 'builtin:phase-retrieval?d=100000&m=100000').stderr).toMatch(/too large/);
    expect(gs('verify', 'expr:x5000').stderr).toMatch(/at most 1000 variables/);
    expect(gs('optimize', 'expr:x^2', '--method', 'gd:gamma=0.1', '--iters', '1000000000').status).toBe(2);
  });
  it('--time-limit must be positive', () => {
    expect(gs('check', 'expr:x^2', '--time-limit', '-1').status).toBe(2);
  });
});
