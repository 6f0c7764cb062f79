/** gensmooth compare: one call, several methods × seeds; deterministic per seed; a saved comparison re-plots. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeeds } from '../../src/cli/compare.ts';
import { BIN } from '../bin.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-compare-'));
const gs = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
const ARGS = [
  'compare',
  'builtin:logistic?n=40&d=3&seed={seed}',
  '--method',
  'sgd:gamma=0.1,batch=4',
  '--method',
  'nsgd:gamma=0.05,batch=4',
  '--seeds',
  '1..3',
  '--budget',
  '800',
];

describe('gensmooth compare', () => {
  it('writes the table, the plot and a results file; the same seeds give the same bytes', () => {
    const a = join(dir, 'a'),
      b = join(dir, 'b');
    const ra = gs(...ARGS, '--out', a),
      rb = gs(...ARGS, '--out', b);
    expect(ra.status, ra.stderr).toBe(0);
    expect(rb.status).toBe(0);
    expect(ra.stdout).toMatch(/sgd:gamma=0\.1,batch=4 .*wall s per run|wall s per run/s);
    expect(readdirSync(a).sort()).toEqual(['comparison.svg', 'report.json', 'report.md']);
    const norm = (s: string, d: string) => s.replaceAll(d, 'DIR');
    expect(norm(readFileSync(join(a, 'report.json'), 'utf8'), a)).toBe(
      norm(readFileSync(join(b, 'report.json'), 'utf8'), b),
    );
    const j = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    expect(j.kind).toBe('comparison');
    expect(j.seeds).toEqual([1, 2, 3]);
    expect(j.arms.map((x: { label: string }) => x.label)).toEqual(['sgd:gamma=0.1,batch=4', 'nsgd:gamma=0.05,batch=4']);
    // Another seed set changes the results.
    const rc = gs(...ARGS.slice(0, -4), '--seeds', '4..6', '--budget', '800', '--json');
    expect(JSON.parse(rc.stdout).grid.values).not.toEqual(j.grid.values);
  });
  it('--from re-plots a saved comparison without re-running', () => {
    const a = join(dir, 'a'),
      c = join(dir, 'c');
    const r = gs('compare', '--from', a, '--out', c, '--logy');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(c, 'comparison.svg'), 'utf8')).toMatch(/^<svg/);
    expect(JSON.parse(readFileSync(join(c, 'report.json'), 'utf8')).grid).toEqual(
      JSON.parse(readFileSync(join(a, 'report.json'), 'utf8')).grid,
    );
  });
  it('usage errors say what to write (exit 2)', () => {
    const r = gs('compare', 'builtin:logistic');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/at least one --method/);
    expect(gs('compare', '--from', join(dir, 'missing')).status).toBe(2);
  });
  it('parseSeeds reads ranges and lists', () => {
    expect(parseSeeds('1..4')).toEqual([1, 2, 3, 4]);
    expect(parseSeeds('7, 3')).toEqual([7, 3]);
    expect(() => parseSeeds('1,1')).toThrow(/repeat/);
    expect(() => parseSeeds('a')).toThrow(/comma list/);
    expect(() => parseSeeds('3..1')).toThrow(/--seeds 1\.\.3/);
  });
});
