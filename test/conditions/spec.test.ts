/** Condition specs (conditions/spec.ts): parsed once, resolved to a mode and a pool key, validated before sampling. */
import { describe, expect, it } from 'vitest';
import {
  checkSampleBudget,
  defaultSpecs,
  modeOf,
  parseConditionSpec,
  resolveSpec,
  SAMPLE_BUDGET,
  specProblem,
  validateSpecs,
} from '../../src/conditions/spec.ts';
import { findCondition } from '../../src/conditions/registry.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { UsageError } from '../../src/errors.ts';

const obj = (dim: number, extra: Partial<Objective> = {}): Objective => ({
  name: `q${dim}`,
  dim,
  value: (x) => x[0] * x[0],
  grad: (x, g) => {
    g.fill(0);
    g[0] = 2 * x[0];
    return x[0] * x[0];
  },
  ...extra,
});

describe('parseConditionSpec', () => {
  it('reads NAME and NAME:k=v,k=v against the table', () => {
    expect(parseConditionSpec('l0l1')).toEqual({ name: 'l0l1', params: {} });
    expect(parseConditionSpec('l0l1:L0=1,L1=2.5')).toEqual({ name: 'l0l1', params: { L0: 1, L1: 2.5 } });
    expect(parseConditionSpec('anisotropic:Lbar=1,kernel=cosh').params).toEqual({ Lbar: 1, kernel: 'cosh' });
  });
  it('an unknown condition lists the known ones; a bad parameter names the condition', () => {
    expect(() => parseConditionSpec('smooth')).toThrowError(
      /^unknown condition "smooth" \(conditions: lsmooth, l0l1, /,
    );
    expect(() => parseConditionSpec('lsmooth:K=1')).toThrowError(
      'condition lsmooth: unknown parameter "K" (parameters: L)',
    );
    expect(() => parseConditionSpec('l0l1:L0=abc')).toThrowError(
      'condition l0l1: L0 must be a finite number, got "abc"',
    );
    expect(() => parseConditionSpec('l0l1:L0=-1')).toThrowError('condition l0l1: L0 must be ≥ 0, got -1');
    expect(() => parseConditionSpec('l0l1-local:L1=0')).toThrowError(UsageError);
  });
});

describe('modes', () => {
  const mode = (spec: string) => resolveSpec(parseConditionSpec(spec)).mode;
  it('every constant given is a claim, one left out is estimated, two a frontier', () => {
    expect(mode('l0l1:L0=1,L1=2')).toEqual({ kind: 'claim', A: 1, B: 2 });
    expect(mode('l0l1:L1=2')).toEqual({ kind: 'estA', A: NaN, B: 2 });
    expect(mode('l0l1:L0=1')).toEqual({ kind: 'estB', A: 1, B: NaN });
    expect(mode('l0l1')).toEqual({ kind: 'frontier', A: NaN, B: NaN });
  });
  it('a condition with one constant has B = 0; constants map to coefficients (gpl: B = 1/(2μ))', () => {
    expect(mode('lsmooth:L=3')).toEqual({ kind: 'claim', A: 3, B: 0 });
    expect(mode('lsmooth')).toEqual({ kind: 'estA', A: NaN, B: 0 });
    const gpl = mode('gpl:mu=2');
    expect(gpl.kind).toBe('claim');
    expect(gpl.B).toBeCloseTo(0.25, 15);
    const def = findCondition('gpl')!;
    expect(modeOf(def, { rho: 2 }).kind).toBe('estB');
  });
});

describe('resolveSpec', () => {
  it('fills defaults, separates the shape parameters, and keys the pool by name and shape', () => {
    const a = resolveSpec(parseConditionSpec('l0l1:L0=1'));
    expect(a.claimed).toEqual({ L0: 1, alpha: 1 });
    expect(a.shape).toEqual({ alpha: 1 });
    expect(a.key).toBe('l0l1|{"alpha":1}');
    // Claims and estimates of the same statistic share a pool; another α is another statistic.
    expect(resolveSpec(parseConditionSpec('l0l1:L0=5,L1=3')).key).toBe(a.key);
    expect(resolveSpec(parseConditionSpec('l0l1:alpha=0.5')).key).not.toBe(a.key);
    expect(resolveSpec(parseConditionSpec('l0l1-alpha')).key).not.toBe(a.key);
  });
  it('refuses an unknown name even when built by hand', () => {
    expect(() => resolveSpec({ name: 'nope', params: {} })).toThrow(UsageError);
  });
});

describe('specProblem and validateSpecs', () => {
  const problem = (spec: string, o: Objective, xstar?: Float64Array) =>
    specProblem(resolveSpec(parseConditionSpec(spec)), o, xstar);
  it('a required parameter missing says how to write it', () => {
    expect(problem('l0l1-local', obj(1))).toBe('condition l0l1-local needs L1 (write l0l1-local:L1=...)');
    expect(problem('l0l1-local:L1=2', obj(1))).toBeNull();
  });
  it('aiming needs a minimiser: given, or known to the objective', () => {
    expect(problem('aiming', obj(3))).toBe('condition aiming needs a minimiser: pass --xstar X1,...,X3');
    expect(problem('aiming', obj(3), new Float64Array(3))).toBeNull();
    expect(problem('aiming', obj(3, { xstar: new Float64Array(3) }))).toBeNull();
  });
  it('a dimension above what the condition can evaluate is refused', () => {
    const def = findCondition('l0l1-norm')!;
    expect(def.maxDim).toBeGreaterThan(1);
    expect(problem('l0l1-norm', obj(def.maxDim!))).toBeNull();
    expect(problem('l0l1-norm', obj(def.maxDim! + 1))).toMatch(
      new RegExp(`^condition l0l1-norm is evaluated up to dimension ${def.maxDim} \\(dense Hessians\\)`),
    );
  });
  it('validateSpecs throws the first problem as a usage error', () => {
    const specs = ['lsmooth', 'l0l1-local', 'aiming'].map(parseConditionSpec);
    expect(() => validateSpecs(specs, obj(2))).toThrowError(
      new UsageError('condition l0l1-local needs L1 (write l0l1-local:L1=...)'),
    );
    expect(() => validateSpecs([parseConditionSpec('lsmooth')], obj(2))).not.toThrow();
  });
});

describe('checkSampleBudget', () => {
  it('bounds samples × vector length, pairs counting double, and says how many samples fit', () => {
    const point = [parseConditionSpec('l0l1')],
      pair = [parseConditionSpec('l0l1'), parseConditionSpec('lsmooth')];
    expect(() => checkSampleBudget(10, SAMPLE_BUDGET / 10, point)).not.toThrow();
    expect(() => checkSampleBudget(10, SAMPLE_BUDGET / 10 + 1, point)).toThrowError(
      /with points of dimension 10 would keep 50000010 numbers \(limit 50000000\): use --samples 5000000 or fewer/,
    );
    expect(() => checkSampleBudget(10, SAMPLE_BUDGET / 20 + 1, pair)).toThrowError(
      /with pairs of dimension 10 .* use --samples 2500000 or fewer/,
    );
  });
});

describe('defaultSpecs', () => {
  it("the contract's conditions, all estimated; aiming only with a minimiser", () => {
    expect(defaultSpecs(obj(2)).map((s) => s.name)).toEqual([
      'lsmooth',
      'l0l1',
      'l0l1-alpha',
      'descent',
      'gpl',
      'curvature-gap',
    ]);
    expect(defaultSpecs(obj(2), new Float64Array(2)).map((s) => s.name)).toContain('aiming');
    for (const s of defaultSpecs(obj(2))) expect(s.params).toEqual({});
  });
});
