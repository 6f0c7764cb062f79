/** Objective specifications (objectives/spec.ts): builtin:NAME?k=v&k=v, expr:..., module paths, and what else is refused. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBuiltin, parseBuiltinParams, resolveObjective } from '../../src/objectives/spec.ts';
import { findBuiltin } from '../../src/objectives/registry.ts';
import { ObjectiveError, UsageError } from '../../src/errors.ts';

describe('resolveObjective', () => {
  it('builtin:NAME?k=v&k=v with defaults for the rest, URL-decoded', async () => {
    const o = await resolveObjective('builtin:logistic?n=%33%30&d=3');
    expect(o.dim).toBe(3);
    expect(o.finiteSum!.n).toBe(30);
    expect((await resolveObjective('builtin:logistic')).dim).toBe(10);
  });
  it('expr: compiles the expression, with its symbolic form', async () => {
    const o = await resolveObjective('expr:x1^2 + 3*x2');
    expect(o.dim).toBe(2);
    expect(o.value(Float64Array.of(2, 1))).toBe(7);
    expect(o.symbolic!.variables).toEqual(['x1', 'x2']);
  });
  it('a module path is loaded and guarded: its throws become objective errors', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'gs-spec-')), 'o.mjs');
    writeFileSync(f, 'export default { dim: 1, value: () => { throw new Error("x"); }, grad: () => 0 };\n');
    const o = await resolveObjective(f);
    expect(() => o.value(Float64Array.of(1))).toThrowError(ObjectiveError);
  });
  it('anything else says what an objective can be', async () => {
    await expect(resolveObjective('x^2')).rejects.toThrowError(
      new UsageError(
        'cannot read objective "x^2": use builtin:NAME, expr:EXPRESSION or a path to a .ts, .js or .mjs module',
      ),
    );
  });
});

describe('makeBuiltin and parseBuiltinParams', () => {
  it('an unknown built-in lists them; an unknown or bad parameter names the built-in', () => {
    expect(() => makeBuiltin('nope')).toThrowError(/^unknown built-in objective "nope" \(built-ins: phase-retrieval, /);
    expect(() => makeBuiltin('logistic', 'q=3')).toThrowError(/^builtin:logistic: unknown parameter "q"/);
    expect(() => makeBuiltin('logistic', 'n=0')).toThrowError('builtin:logistic: n must be ≥ 1, got 0');
    expect(() => makeBuiltin('logistic', 'n=2.5')).toThrowError(/n must be an integer/);
  });
  it('fills every default and keeps what is given', () => {
    const def = findBuiltin('matrix-factorization')!;
    expect(parseBuiltinParams(def, 'kappa=0.5&r=1')).toEqual({ n: 8, m: 6, r: 1, kappa: 0.5, seed: 1 });
  });
});
