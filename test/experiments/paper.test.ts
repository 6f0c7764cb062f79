/** The experiment registry and command: names, the report files, byte-for-byte replay. Each experiment has its own test under published/. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, findExperiment } from '../../src/experiments/paper.ts';
import { mnistDigits, mnistSlice } from '../../src/objectives/builtin/mnist.ts';
import { BIN } from '../bin.ts';

const dir = mkdtempSync(join(tmpdir(), 'gs-exp-'));

describe('MNIST loading (a small slice of the shipped digits)', () => {
  it('every class has its digits, 784 grey levels in [0, 1] per image', () => {
    for (let c = 0; c < 10; c++) {
      const d = mnistDigits(c);
      expect(d.length % 784).toBe(0);
      expect(d.length / 784).toBeGreaterThan(800);
      expect(Math.min(...d.subarray(0, 784 * 5))).toBeGreaterThanOrEqual(0);
      expect(Math.max(...d.subarray(0, 784 * 5))).toBeLessThanOrEqual(1);
    }
  });
  it('slices are class-balanced, pooled by averaging, and reproducible from the seed', () => {
    const a = mnistSlice(20, 2, 3),
      b = mnistSlice(20, 2, 3),
      c = mnistSlice(20, 2, 4);
    expect(a.features).toBe(196);
    expect(Array.from(a.y.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a.X).toEqual(b.X);
    expect(a.X).not.toEqual(c.X);
    const full = mnistSlice(10, 1, 3);
    // Pool 2 averages 2×2 blocks of the same images (same seed, same draws).
    let s = 0;
    for (const [r, q] of [
      [10, 10],
      [10, 11],
      [11, 10],
      [11, 11],
    ])
      s += full.X[r * 28 + q];
    expect(mnistSlice(10, 2, 3).X[5 * 14 + 5]).toBeCloseTo(s / 4, 12);
  });
});

describe('experiments', () => {
  it('names are unique and findExperiment finds each', () => {
    const names = EXPERIMENTS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(findExperiment(n)!.name).toBe(n);
    expect(findExperiment('nope')).toBeUndefined();
  });
  it('the command writes the report formats (one experiment through the CLI)', () => {
    const out = join(dir, 'escape');
    const r = spawnSync(
      process.execPath,
      [BIN, 'experiment', 'escape-dimension', '--out', out, '--quick', '--seed', '2'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html']));
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    for (const p of j.plots) expect(files).toContain(p.file);
  });
  it('the same experiment and seed replay byte for byte', () => {
    const a = join(dir, 'rep-a'),
      b = join(dir, 'rep-b');
    for (const o of [a, b])
      spawnSync(process.execPath, [BIN, 'experiment', 'nsgd-bias', '--out', o, '--quick', '--seed', '5'], {
        encoding: 'utf8',
      });
    expect(readFileSync(join(a, 'report.json'), 'utf8').replace(a, '')).toBe(
      readFileSync(join(b, 'report.json'), 'utf8').replace(b, ''),
    );
  });
  it('unknown experiments are usage errors that list the known ones', () => {
    const r = spawnSync(process.execPath, [BIN, 'experiment', 'nope', '--out', join(dir, 'x')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/insgd-phase-retrieval/);
  });
});
