/** The one parameter model (core/params.ts): each rule's message names the parameter and what to write. */
import { describe, expect, it } from 'vitest';
import {
  describeParams,
  parseParams,
  parseParamValue,
  requireParams,
  splitSpec,
  type ParamDef,
} from '../../src/core/params.ts';
import { UsageError } from '../../src/errors.ts';

const DEFS: ParamDef[] = [
  { name: 'L0', doc: 'constant', min: 0 },
  { name: 'alpha', doc: 'exponent', default: 1, min: 0, max: 2 },
  { name: 'batch', doc: 'batch size', kind: 'int', positive: true },
  { name: 'beta', doc: 'momentum', gt: 0, max: 1 },
  { name: 'norm', doc: 'norm', kind: 'enum', choices: ['1', '2', 'inf'], default: '2' },
];
const msg = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('no usage error');
};

describe('splitSpec', () => {
  it('splits at the first separator and trims the name only', () => {
    expect(splitSpec(' l0l1 :L0=1,L1=2')).toEqual({ name: 'l0l1', rest: 'L0=1,L1=2' });
    expect(splitSpec('gd')).toEqual({ name: 'gd', rest: '' });
    expect(splitSpec('logistic?n=3&d=2', '?')).toEqual({ name: 'logistic', rest: 'n=3&d=2' });
    expect(splitSpec('a:b:c')).toEqual({ name: 'a', rest: 'b:c' });
  });
});

describe('parseParamValue: bounds are inclusive, positive and gt strict', () => {
  const p = (d: Partial<ParamDef>): ParamDef => ({ name: 'k', doc: '', ...d });
  it('numbers are read exactly, with exponents and signs', () => {
    expect(parseParamValue('o', p({}), '1e-3')).toBe(0.001);
    expect(parseParamValue('o', p({}), ' -2.5 ')).toBe(-2.5);
    expect(parseParamValue('o', p({}), '0.1')).toBe(0.1);
  });
  it('empty, non-numeric and non-finite values are refused', () => {
    for (const raw of ['', ' ', 'abc', 'Infinity', 'NaN', '1e999'])
      expect(msg(() => parseParamValue('condition x', p({}), raw))).toBe(
        `condition x: k must be a finite number, got "${raw}"`,
      );
  });
  it('min and max include the bound', () => {
    expect(parseParamValue('o', p({ min: 0, max: 2 }), '0')).toBe(0);
    expect(parseParamValue('o', p({ min: 0, max: 2 }), '2')).toBe(2);
    expect(msg(() => parseParamValue('o', p({ min: 0 }), '-1e-300'))).toBe('o: k must be ≥ 0, got -1e-300');
    expect(msg(() => parseParamValue('o', p({ max: 2 }), '2.0001'))).toBe('o: k must be ≤ 2, got 2.0001');
  });
  it('positive and gt exclude the bound', () => {
    expect(msg(() => parseParamValue('o', p({ positive: true }), '0'))).toBe('o: k must be > 0, got 0');
    expect(parseParamValue('o', p({ positive: true }), '5e-324')).toBe(5e-324);
    expect(msg(() => parseParamValue('o', p({ gt: 1 }), '1'))).toBe('o: k must be > 1, got 1');
    expect(parseParamValue('o', p({ gt: 1 }), '1.000001')).toBe(1.000001);
  });
  it('integers must be whole', () => {
    expect(parseParamValue('o', p({ kind: 'int' }), '8')).toBe(8);
    expect(parseParamValue('o', p({ kind: 'int' }), '1e3')).toBe(1000);
    expect(msg(() => parseParamValue('o', p({ kind: 'int' }), '8.5'))).toBe('o: k must be an integer, got "8.5"');
  });
  it('choices are matched exactly and listed when missed', () => {
    expect(parseParamValue('o', p({ choices: ['a', 'b'] }), 'b')).toBe('b');
    expect(msg(() => parseParamValue('o', p({ choices: ['a', 'b'] }), 'B'))).toBe('o: k must be one of a, b, got "B"');
  });
});

describe('parseParams', () => {
  it('reads k=v pairs against the declarations', () => {
    expect(parseParams('condition c', 'L0=1, alpha=0.5,batch=4', DEFS)).toEqual({ L0: 1, alpha: 0.5, batch: 4 });
    expect(parseParams('condition c', '', DEFS)).toEqual({});
    expect(parseParams('condition c', ',,L0=3,', DEFS)).toEqual({ L0: 3 });
  });
  it('starts from the defaults when asked, and a given value replaces its default', () => {
    expect(parseParams('m', 'L0=1', DEFS, { defaults: true })).toEqual({ L0: 1, alpha: 1, norm: '2' });
    expect(parseParams('m', 'alpha=2,norm=inf', DEFS, { defaults: true })).toEqual({ alpha: 2, norm: 'inf' });
  });
  it('built-in query strings: & separated and URL-decoded', () => {
    expect(parseParams('builtin b', 'L0=1&norm=%69nf', DEFS, { sep: '&', decode: true })).toEqual({
      L0: 1,
      norm: 'inf',
    });
    // Without decoding the escaped value is not one of the choices.
    expect(msg(() => parseParams('builtin b', 'norm=%69nf', DEFS, { sep: '&' }))).toMatch(/norm must be one of/);
  });
  it('an unknown name lists the known ones; a parameterless owner says none', () => {
    expect(msg(() => parseParams('condition c', 'K=1', DEFS))).toBe(
      'condition c: unknown parameter "K" (parameters: L0, alpha, batch, beta, norm)',
    );
    expect(msg(() => parseParams('method m', 'x=1', []))).toBe('method m: unknown parameter "x" (parameters: none)');
  });
  it('a repeated name and a malformed pair are refused with an example of the form', () => {
    expect(msg(() => parseParams('condition c', 'L0=1,L0=2', DEFS))).toBe('condition c: L0 is given twice');
    expect(msg(() => parseParams('condition c', 'L0', DEFS))).toBe(
      'condition c: parameter "L0" must be written k=v (e.g. L0=1)',
    );
    expect(msg(() => parseParams('condition c', '=3', DEFS))).toMatch(/parameter "=3" must be written k=v/);
    expect(msg(() => parseParams('m', 'a', [{ name: 'a', doc: '', default: 0.5 }]))).toMatch(/\(e\.g\. a=0\.5\)/);
  });
  it('the first bad value stops the parse with its own message', () => {
    expect(msg(() => parseParams('method gd', 'batch=2.5,beta=0', DEFS))).toBe(
      'method gd: batch must be an integer, got "2.5"',
    );
    expect(msg(() => parseParams('method gd', 'beta=0', DEFS))).toBe('method gd: beta must be > 0, got 0');
  });
});

describe('requireParams and describeParams', () => {
  it('names every missing parameter and how to write it', () => {
    expect(() => requireParams('condition l0l1-local', 'l0l1-local', { L0: 1 }, ['L0'])).not.toThrow();
    expect(msg(() => requireParams('method gd', 'gd', { beta: 1 }, ['gamma', 'beta', 'L1']))).toBe(
      'method gd needs gamma, L1 (write gd:gamma=...,L1=...)',
    );
  });
  it('shows choices as a|b, defaults as k=v and required parameters bare', () => {
    expect(describeParams(DEFS)).toBe('L0 alpha=1 batch beta norm=1|2|inf');
    expect(describeParams([])).toBe('');
  });
});
