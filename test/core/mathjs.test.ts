/** The lazily loaded mathjs (src/core/mathjs.ts): the one-file build, same answers as the package's ES-module entry. */
import * as esm from 'mathjs';
import { describe, expect, it } from 'vitest';
import { bigMath, mathjs } from '../../src/core/mathjs.ts';

describe('core/mathjs', () => {
  it('one instance of each kind, created on first use', () => {
    expect(mathjs()).toBe(mathjs());
    expect(bigMath()).toBe(bigMath());
    expect(bigMath()).not.toBe(mathjs());
  });

  it("configured exactly as instances created from the ES-module build's factories", () => {
    const cfg = { number: 'BigNumber', precision: 64, predictable: true } as const;
    expect(bigMath().config({})).toEqual(esm.create(esm.all, cfg).config({}));
    expect(mathjs().config({})).toEqual(esm.create(esm.all, {}).config({}));
    expect(bigMath().config({}).number).toBe('BigNumber');
  });

  it('bigMath computes in 64 significant digits and predictably (no complex results)', () => {
    const b = bigMath();
    expect(b.evaluate('1/3').toString()).toBe(`0.${'3'.repeat(64)}`);
    expect(b.evaluate('2^0.5').toString()).toBe('1.414213562373095048801688724209698078569671875376948073176679738');
    expect(b.isNaN(b.sqrt(b.bignumber(-1)))).toBe(true);
    expect(mathjs().evaluate('1/3')).toBe(1 / 3);
  });

  it('parses and differentiates exactly as the ES-module build does', () => {
    const ref = esm.create(esm.all, {});
    const m = mathjs();
    const exprs = [
      'x1^4 + 2*x2^2 - x1*x2 + sin(x1)',
      'log(1 + exp(x1)) * x2^3 / (1 + x2^2)',
      'sqrt(x1^2 + 1) * cosh(x2) - atan(x1*x2) + log(x1^2 + 2, 2)',
      'exp(-x1^2) * tanh(x2) + 0.25 * (x1^2 + x2^2)^2',
    ];
    for (const e of exprs)
      for (const v of ['x1', 'x2']) {
        expect(m.parse(e).toString()).toBe(ref.parse(e).toString());
        expect(m.derivative(m.parse(e), v).toString()).toBe(ref.derivative(ref.parse(e), v).toString());
      }
  });
});
