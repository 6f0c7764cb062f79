/** Option parsing shared by every command (cli/args.ts): typed values, messages that say what to write. */
import { describe, expect, it } from 'vitest';
import {
  ordinal,
  parse,
  parseBox,
  parseIntOpt,
  parseNumber,
  parsePoint,
  parseSeedOpt,
  parseVector,
  toJson,
} from '../../src/cli/args.ts';
import { UsageError } from '../../src/errors.ts';

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no usage error');
};

describe('parse', () => {
  const opts = { box: { type: 'string' }, fstar: { type: 'string' }, json: { type: 'boolean' } } as const;
  it('accepts negative numbers as option values (which parseArgs alone calls ambiguous)', () => {
    const { values, positionals } = parse(['expr:x^2', '--box', '-3:3', '--fstar', '-0.5', '--json'], opts, 'check');
    expect(values).toEqual({ box: '-3:3', fstar: '-0.5', json: true });
    expect(positionals).toEqual(['expr:x^2']);
    expect(parse(['--fstar', '-.5'], opts, 'check').values.fstar).toBe('-.5');
    expect(parse(['--fstar=-2'], opts, 'check').values.fstar).toBe('-2');
  });
  it('an unknown flag or a missing value is one line naming the command and its help', () => {
    expect(usage(() => parse(['--frob'], opts, 'check'))).toMatch(
      /^check: Unknown option '--frob' \(see gensmooth check --help\)$/,
    );
    expect(usage(() => parse(['--box'], opts, 'check'))).toMatch(/^check: Option '--box <value>' argument missing/);
  });
});

describe('values', () => {
  it('parseBox: LO:HI with finite LO < HI, saying how to write a reversed one', () => {
    expect(parseBox(undefined)).toEqual([-3, 3]);
    expect(parseBox(' -1e-3:2 ')).toEqual([-0.001, 2]);
    expect(usage(() => parseBox('3:-3'))).toBe('--box LO:HI needs LO < HI; got "3:-3" (write --box -3:3)');
    expect(usage(() => parseBox('1:1'))).toMatch(/needs LO < HI/);
    for (const bad of ['3', 'a:b', '1:2:3', '-inf:1', ':1'])
      expect(usage(() => parseBox(bad))).toBe(`--box must be LO:HI with finite numbers, e.g. --box -3:3; got "${bad}"`);
  });
  it('parseIntOpt: whole numbers, also 1e6, within bounds', () => {
    expect(parseIntOpt('samples', undefined, 2000, 1, 1e9)).toBe(2000);
    expect(parseIntOpt('samples', '1e6', 2000, 1, 1e9)).toBe(1_000_000);
    expect(parseIntOpt('samples', '2.5e3', 2000, 1, 1e9)).toBe(2500);
    expect(usage(() => parseIntOpt('samples', '-1', 2000, 1, 1e9))).toBe('--samples must be at least 1, got -1');
    expect(usage(() => parseIntOpt('iters', '1e9', 1, 1, 1e6))).toBe('--iters must be at most 1000000, got 1000000000');
    for (const bad of ['1.5', 'ten', '0x10', '', '1e400'])
      expect(usage(() => parseIntOpt('samples', bad, 1, 1, 1e9))).toBe(
        `--samples must be a whole number from 1 to 1000000000, got "${bad}"`,
      );
    // The message states the option's own range (--workers is 0 to 256, not a sample count).
    expect(usage(() => parseIntOpt('workers', '1.5', 0, 0, 256))).toBe(
      '--workers must be a whole number from 0 to 256, got "1.5"',
    );
  });
  it('parseNumber, parseVector and parsePoint', () => {
    expect(parseNumber('--fstar', ' -0.25')).toBe(-0.25);
    expect(usage(() => parseNumber('--fstar', 'x'))).toBe('--fstar must be a finite number, got "x"');
    expect(usage(() => parseNumber('--fstar', ''))).toMatch(/finite number/);
    expect([...parseVector('--x0', '1,-2,3.5', 3)]).toEqual([1, -2, 3.5]);
    expect(usage(() => parseVector('--xstar', '1', 2))).toBe('--xstar has 1 entries but the objective has dimension 2');
    expect(usage(() => parseVector('--x0', '1,z', 2))).toBe('--x0 entry 2 must be a finite number, got "z"');
    expect([...parsePoint('--at', '0.5', 3)]).toEqual([0.5, 0.5, 0.5]);
    expect([...parsePoint('--at', '1,2', 2)]).toEqual([1, 2]);
  });
  it('parseSeedOpt: 1 by default, never empty', () => {
    expect(parseSeedOpt(undefined)).toBe(1);
    expect(parseSeedOpt(' 42 ')).toBe(42);
    expect(usage(() => parseSeedOpt(' '))).toBe('--seed must not be empty');
  });
  it('toJson writes non-finite numbers as strings, indented by two', () => {
    expect(toJson({ a: Infinity, b: [NaN, -Infinity, 1] })).toBe(
      '{\n  "a": "Infinity",\n  "b": [\n    "NaN",\n    "-Infinity",\n    1\n  ]\n}',
    );
  });
});

describe('ordinal (naming the k-th repeat of a flag)', () => {
  it('words up to ten, then digits', () => {
    expect([1, 2, 3, 10, 11].map(ordinal)).toEqual(['first', 'second', 'third', 'tenth', '11th']);
  });
});
