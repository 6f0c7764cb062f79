/** Reports: content, determinism, atomic writes, and rendering in a real headless Chromium. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upperHull } from '../../src/report/report.ts';
import { plotSvg } from '../../src/report/svg.ts';
import { writeReportDir } from '../../src/report/write.ts';
import { UsageError } from '../../src/errors.ts';

const BIN = join(__dirname, '..', '..', 'bin', 'gensmooth.mjs');
const gs = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('svg and hull', () => {
  it('the upper hull of (w, lhs) keeps the points that bound every line lhs − B·w from above (B ≥ 0)', () => {
    expect(upperHull([0, 1, 2, 3, 1.5], [4, 4.2, 6, 10, 3]).x).toEqual([0, 3]); // (1, 4.2), (2, 6) lie under the chord
    expect(upperHull([0, 1, 3, 2], [4, 7, 10, 1]).x).toEqual([0, 1, 3]);
  });
  it('plots are valid SVG with the series and a count of values a log axis cannot show', () => {
    const svg = plotSvg({
      title: 'a & b',
      xlabel: 'x',
      ylabel: 'y',
      logx: true,
      logy: true,
      series: [{ label: 's', x: [1, 10, 0, -1], y: [1, 100, 5, 5], kind: 'points', color: '#000' }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &amp; b');
    expect(svg).toContain('2 value(s) off a log axis');
    expect((svg.match(/<circle/g) ?? []).length).toBe(2 + 1); // two points and the legend dot
  });
});

describe('gensmooth report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-report-'));
  const args = (out: string) => [
    'report',
    'expr:x1^4 + x2^2 - x1*x2',
    '--out',
    out,
    '--condition',
    'l0l1:L0=1,L1=1',
    '--samples',
    '400',
    '--iters',
    '60',
    '--seed',
    '3',
  ];

  it('writes report.json, report.md, report.html and one svg per plot; a failing claim exits 1', () => {
    const out = join(dir, 'r1');
    const r = gs(...args(out));
    expect(r.status).toBe(1);
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'report.html', 'optimizer-trace.svg']));
    expect(files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(3);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.schemaVersion).toBe(1);
    expect(j.provenance.command).toEqual(['gensmooth', ...args(out).slice(0)]);
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
    gs(...args(a));
    gs(...args(b));
    for (const f of readdirSync(a)) {
      const fa = readFileSync(join(a, f), 'utf8').replaceAll(a, '<out>'),
        fb = readFileSync(join(b, f), 'utf8').replaceAll(b, '<out>');
      expect(fa, f).toBe(fb);
    }
  });

  it('check --out writes the report of the checked conditions', () => {
    const out = join(dir, 'chk');
    const r = gs('check', 'expr:x^2', '--condition', 'lsmooth:L=2', '--out', out);
    expect(r.status).toBe(0);
    const j = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(j.check.results.map((x: { verdict: string }) => x.verdict)).toEqual(['holds']);
    expect(j.run).toBeUndefined();
  });

  it('refuses to replace a directory that is not a report; replaces an old report completely', () => {
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.tex'), 'precious');
    expect(() => writeReportDir(mine, { 'report.json': '{}' })).toThrow(UsageError);
    expect(readFileSync(join(mine, 'thesis.tex'), 'utf8')).toBe('precious');
    const rep = join(dir, 'rep');
    writeReportDir(rep, { 'report.json': '{"v":1}', 'a.svg': 'old' });
    writeReportDir(rep, { 'report.json': '{"v":2}' });
    expect(readdirSync(rep)).toEqual(['report.json']);
    expect(readFileSync(join(rep, 'report.json'), 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).filter((f) => f.startsWith('.rep.'))).toEqual([]);
  });

  it('a report killed at any moment (SIGINT, SIGTERM, SIGKILL) leaves the previous report or none, never a partial one', async () => {
    const out = join(dir, 'killed');
    gs(...args(out));
    const before = readFileSync(join(out, 'report.json'), 'utf8');
    const kills: [number, NodeJS.Signals][] = [
      [50, 'SIGINT'],
      [300, 'SIGTERM'],
      [700, 'SIGKILL'],
      [900, 'SIGINT'],
      [1100, 'SIGTERM'],
      [1300, 'SIGKILL'],
    ];
    for (const [delay, sig] of kills) {
      const child = spawn(process.execPath, [BIN, ...args(out).map((a) => (a === '3' ? '4' : a))], { stdio: 'ignore' });
      // Listen before waiting: a run can now finish before the later kills (start-up is ~0.1 s).
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill(sig);
      await exited;
      const now = readdirSync(out);
      expect(now).toContain('report.json');
      const j = readFileSync(join(out, 'report.json'), 'utf8');
      // Either the old report or the new one, and each complete (its plots all present).
      const parsed = JSON.parse(j);
      for (const p of parsed.plots) expect(now).toContain(p.file);
      if (j !== before) expect(parsed.seed).toBe(4);
    }
  });

  it.skipIf(!CHROMIUM && !process.env.GENSMOOTH_REQUIRE_CHROMIUM)(
    'report.html renders in headless Chromium without errors, and every plot has size',
    () => {
      expect(
        CHROMIUM,
        'Chromium is required here (GENSMOOTH_REQUIRE_CHROMIUM is set): apt-get install chromium',
      ).toBeTruthy();
      const out = join(dir, 'r1');
      if (!existsSync(join(out, 'report.html'))) gs(...args(out));
      // A copy with a probe that records errors and the rendered size of every plot.
      const probe = `<script>window.__errors=[];window.addEventListener('error',e=>__errors.push(String(e.message)));
window.addEventListener('load',()=>{const s=[...document.querySelectorAll('svg')].map(x=>{const r=x.getBoundingClientRect();return [Math.round(r.width),Math.round(r.height),x.querySelectorAll('circle,path').length]});
const p=document.createElement('pre');p.id='probe';p.textContent=JSON.stringify({errors:__errors,svgs:s});document.body.appendChild(p);});</script>`;
      const html = readFileSync(join(out, 'report.html'), 'utf8').replace('</head>', `${probe}</head>`);
      const page = join(dir, 'probe.html');
      writeFileSync(page, html);
      const r = spawnSync(
        CHROMIUM!,
        [
          ...CHROME_FLAGS,
          `--user-data-dir=${mkdtempSync(join(tmpdir(), 'gs-chrome-'))}`,
          '--virtual-time-budget=5000',
          '--dump-dom',
          `file://${page}`,
        ],
        { encoding: 'utf8', timeout: 90_000 },
      );
      const m = /<pre id="probe">(.*?)<\/pre>/s.exec(r.stdout);
      expect(m, r.stderr.slice(0, 500)).not.toBeNull();
      const res = JSON.parse(m![1].replace(/&quot;/g, '"')) as { errors: string[]; svgs: [number, number, number][] };
      expect(res.errors).toEqual([]);
      expect(res.svgs.length).toBeGreaterThan(3);
      for (const [w, h, marks] of res.svgs) {
        expect(w).toBeGreaterThan(300);
        expect(h).toBeGreaterThan(200);
        expect(marks).toBeGreaterThan(1);
      }
      const shot = join(dir, 'report.png');
      spawnSync(
        CHROMIUM!,
        [
          ...CHROME_FLAGS,
          `--user-data-dir=${mkdtempSync(join(tmpdir(), 'gs-chrome-'))}`,
          '--window-size=1000,1400',
          `--screenshot=${shot}`,
          `file://${join(out, 'report.html')}`,
        ],
        { timeout: 90_000 },
      );
      expect(readFileSync(shot).length).toBeGreaterThan(20_000);
    },
  );
});
