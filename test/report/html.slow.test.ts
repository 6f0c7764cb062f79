/** report.html in a real headless Chromium (slow: a report and two browser runs; .ci/run requires Chromium). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gs, reportArgs } from '../bin.ts';

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

describe('gensmooth report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-report-'));

  it.skipIf(!CHROMIUM && !process.env.GENSMOOTH_REQUIRE_CHROMIUM)(
    'report.html renders in headless Chromium without errors, and every plot has size',
    () => {
      expect(
        CHROMIUM,
        'Chromium is required here (GENSMOOTH_REQUIRE_CHROMIUM is set): apt-get install chromium',
      ).toBeTruthy();
      const out = join(dir, 'r1');
      if (!existsSync(join(out, 'report.html'))) gs(...reportArgs(out));
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
