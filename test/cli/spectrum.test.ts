/** gensmooth spectrum: the JSON fields, --at, the report directory, bad input. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';

describe('gensmooth spectrum', () => {
  it('--json has lambdaMax, lambdaMin, trace {value, interval} and density; --at 0 means 0 in every coordinate', async () => {
    const r = await runMain('spectrum', 'builtin:quartic-saddle?d=20&gamma=2', '--at', '0', '--json', '--probes', '8');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.lambdaMax).toBeCloseTo(1, 12);
    expect(j.lambdaMin).toBeCloseTo(-2, 12);
    expect(j.trace.value).toBeCloseTo(17, 10);
    expect(j.trace.interval).toHaveLength(2);
    expect(j.density.grid.length).toBe(j.density.values.length);
    expect(j.at).toEqual({ source: 'given', norm: 0, x: new Array(20).fill(0) });
    expect(j.dim).toBe(20);
  });

  it('defaults to the objective start, replays byte for byte with the seed, and writes a report with the density plot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-spec-'));
    const args = ['spectrum', 'builtin:mlp?n=10&in=2&hidden=3&out=2', '--seed', '5', '--probes', '10'];
    const a = await runMain(...args, '--json', '--out', join(dir, 'r'));
    const b = await runMain(...args, '--json');
    expect(a.code, a.err).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).at.source).toBe('start');
    expect(readdirSync(join(dir, 'r')).sort()).toEqual(['density.svg', 'report.html', 'report.json', 'report.md']);
    const rep = JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8'));
    expect(rep.kind).toBe('spectrum');
    expect(rep.provenance.command.slice(0, 2)).toEqual(['gensmooth', 'spectrum']);
    expect(readFileSync(join(dir, 'r', 'density.svg'), 'utf8')).toMatch(/^<svg/);
    const text = await runMain(...args);
    expect(text.out).toMatch(/λmax = .*residual/);
  });

  it.each([
    [['spectrum', 'expr:x1^2 + x2^2'], /has no default start: pass --at/],
    [['spectrum', 'expr:x1^2 + x2^2', '--at', '1,2,3'], /3 entries but the objective has dimension 2/],
    [['spectrum', 'expr:x1^2 + x2^2', '--at', 'a'], /finite number/],
    [['spectrum', 'expr:x1^2', '--at', '1', '--sigma', '0'], /--sigma must be > 0/],
    [['spectrum'], /takes one OBJECTIVE/],
  ])('bad input exits 2 with the fix: %j', async (argv, msg) => {
    const r = await runMain(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a non-finite Hessian at the point is an objective error (exit 3)', async () => {
    const r = await runMain('spectrum', 'expr:sqrt(x)', '--at', '-1');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/not finite/);
  });
});
