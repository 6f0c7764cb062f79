/** report.html (report/html.ts): one self-contained page, the same sentences as report.md, everything escaped. */
import { describe, expect, it } from 'vitest';
import { escHtml, html } from '../../src/report/html.ts';
import { buildReport } from '../../src/report/report.ts';
import { checkReport, PROV, run } from './fixture.ts';

describe('escHtml', () => {
  it('escapes &, < and > (in that order: no double escaping)', () => {
    expect(escHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html', () => {
  const { model, files } = buildReport(checkReport(), PROV, run(0));
  const page = files['report.html'];
  it('is what buildReport writes, one page with no script and no network', () => {
    // The plots as buildReport rendered them (each file is the SVG and a newline).
    const plots = model.plots.map((p) => ({ ...p, svg: files[p.file].slice(0, -1) }));
    expect(html(model, plots)).toBe(page);
    expect(page.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">')).toBe(true);
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(page.endsWith('</body></html>\n')).toBe(true);
  });
  it('colours each verdict, escapes text and keeps the details of report.md', () => {
    expect(page).toContain('<td class="v-fails">fails</td>');
    expect(page).toContain('<td>x = [2]: 48 &gt; 33</td>');
    expect(page).toContain('<li>a note | with a pipe &lt;and&gt; an angle</li>');
    expect(page).toContain('<p>Verdict <b class="v-holds">holds</b> from 100 samples (120 evaluations).');
    expect(page).toContain('<h2>l0l1 <small>(L0=1, L1=1, alpha=1)</small></h2>');
    expect(page).toContain('<title>Assumption report: expr:x^4</title>');
  });
  it('inlines every plot in its result’s section and the trace in the run’s', () => {
    expect((page.match(/<svg /g) ?? []).length).toBe(4);
    const sections = page.split('<section>');
    expect(sections[2]).toContain('<figcaption>l0l1 L0=1, L1=1, alpha=1</figcaption>');
    expect(sections[5]).toMatch(
      /^<h2>Optimizer run<\/h2><p><code>gd<\/code>: 4 iterations, status done\.<\/p><figure><svg/,
    );
    expect(sections[5]).toContain('<figcaption>Theorem 1 bound</figcaption>');
    expect(sections[6]).toContain('<pre>gensmooth report expr:x^4 --condition l0l1:L0=1,L1=1 --out my dir</pre>');
  });
});
