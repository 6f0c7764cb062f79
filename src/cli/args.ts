/** Shared command-line parsing: typed values with messages that say what to change. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseSeed, type Seed } from '../core/rng.ts';
import { UsageError } from '../errors.ts';

export type Options = ParseArgsConfig['options'];

/**
 * node:util parseArgs, with negative numbers accepted as option values
 * (`--box -3:3`, `--fstar -0.5`, `--x0 -1,2`), which parseArgs alone would reject
 * as ambiguous.
 */
export function parse(argv: string[], options: NonNullable<Options>, command: string) {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)$/.exec(a);
    const next = argv[i + 1];
    if (m && options[m[1]]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e))
      .split('\n')[0]
      .replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${command}: ${first} (see gensmooth ${command} --help)`);
  }
}

export function parseBox(s: string | undefined, fallback: [number, number] = [-3, 3]): [number, number] {
  if (s === undefined) return fallback;
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(s);
  const lo = m ? Number(m[1]) : NaN,
    hi = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi))
    throw new UsageError(`--box must be LO:HI with finite numbers, e.g. --box -3:3; got "${s}"`);
  if (!(lo < hi))
    throw new UsageError(`--box LO:HI needs LO < HI; got "${s}" (write --box ${Math.min(lo, hi)}:${Math.max(lo, hi)})`);
  return [lo, hi];
}

export function parseSeedOpt(s: string | undefined): Seed {
  if (s === undefined) return 1;
  if (s.trim() === '') throw new UsageError('--seed must not be empty');
  return parseSeed(s.trim());
}

export function parseIntOpt(name: string, s: string | undefined, fallback: number, min: number, max: number): number {
  if (s === undefined) return fallback;
  // Whole numbers, also in scientific notation (1e6, 2.5e3).
  const v = Number(s);
  if (!/^\s*-?\d+(\.\d+)?([eE]\+?\d+)?\s*$/.test(s) || !Number.isSafeInteger(v))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${s}"`);
  if (v < min) throw new UsageError(`--${name} must be at least ${min}, got ${v}`);
  if (v > max) throw new UsageError(`--${name} must be at most ${max}, got ${v}`);
  return v;
}

export function parseNumber(name: string, s: string): number {
  const v = s.trim() === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`${name} must be a finite number, got "${s}"`);
  return v;
}

export function parseVector(name: string, s: string, dim: number): Float64Array {
  const parts = s.split(',');
  if (parts.length !== dim)
    throw new UsageError(`${name} has ${parts.length} entries but the objective has dimension ${dim}`);
  return Float64Array.from(parts.map((p, i) => parseNumber(`${name} entry ${i + 1}`, p)));
}

/** JSON with non-finite numbers as strings ("Infinity", "NaN"), 2-space indented. */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, val) => (typeof val === 'number' && !Number.isFinite(val) ? String(val) : val), 2);
}

/** 1 → "first", 2 → "second", ... (for naming the k-th repeat of a flag in a message). */
export function ordinal(k: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[k - 1] ?? `${k}th`;
}

/**
 * A point given on the command line (`--at`, `--center`): X1,...,Xn, or a single number meaning that value in
 * every coordinate.
 */
export function parsePoint(name: string, s: string, dim: number): Float64Array {
  if (!s.includes(',')) return new Float64Array(dim).fill(parseNumber(name, s));
  return parseVector(name, s, dim);
}
