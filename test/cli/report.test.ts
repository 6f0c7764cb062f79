/**
 * `gensmooth report` and `check --out` (cli/report.ts): the files of a report directory, its
 * provenance, byte-identical replays across processes, check's exit codes.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.ts';
import { gs, reportArgs } from '../bin.ts';

describe('gensmooth report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-report-'));

  it('writes report.json, report.md, report.html and one svg per plot; a failing claim exits 1', async () => {
    const out = join(dir, 'r1');
    const r = await runMain(...reportArgs(out));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^wrote \d+ files to .*: lsmooth estimated, l0l1 estimated, .*l0l1 fails\n$/);
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html', 'optimizer-trace.svg']));
    expect(files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(3);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.schemaVersion).toBe(1);
    expect(j.provenance.command).toEqual(['gensmooth', ...reportArgs(out).slice(0)]);
    expect(j.provenance.node).toBe(process.version);
    expect(j.seed).toBe(3);
    const claim = j.check.results.find(
      (x: { condition: string; claimed: Record<string, number> }) => x.condition === 'l0l1' && x.claimed.L0 === 1,
    );
    expect(claim.verdict).toBe('fails');
    expect(j.run.result.trace.length).toBe(61);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('| l0l1 | L0=1, L1=1, alpha=1 | fails |');
    expect(md).toMatch(/!\[.*\]\(\d+-l0l1\.svg\)/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // one file, no network
    expect((html.match(/<svg/g) ?? []).length).toBe(files.filter((f) => f.endsWith('.svg')).length);
  });

  it('the same command and seed give byte-identical files', () => {
    const a = join(dir, 'ra'),
      b = join(dir, 'rb');
    gs(...reportArgs(a));
    gs(...reportArgs(b));
    for (const f of readdirSync(a)) {
      const fa = readFileSync(join(a, f), 'utf8').replaceAll(a, '<out>'),
        fb = readFileSync(join(b, f), 'utf8').replaceAll(b, '<out>');
      expect(fa, f).toBe(fb);
    }
  });

  it('check --out writes the report of the checked conditions', async () => {
    const out = join(dir, 'chk');
    const r = await runMain('check', 'expr:x^2', '--condition', 'lsmooth:L=2', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.check.results.map((x: { verdict: string }) => x.verdict)).toEqual(['holds']);
    expect(j.run).toBeUndefined();
  });

  it('usage: report needs --out, and takes no --at', async () => {
    const a = await runMain('report', 'expr:x^2');
    expect(a.code).toBe(2);
    expect(a.err).toBe('gensmooth: report needs --out DIR\n');
    const b = await runMain('report', 'expr:x^2', '--out', join(dir, 'x'), '--at', '1');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--at/);
  });
});
