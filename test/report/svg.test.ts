/** Bands in SVG plots: a translucent polygon that widens the axes, absent unless asked for. */
import { describe, expect, it } from 'vitest';
import { plotSvg, type Series } from '../../src/report/svg.ts';

const line: Series = { label: 'm', x: [1, 2, 3], y: [2, 2, 2], kind: 'line', color: '#000' };

describe('bands', () => {
  it('a band adds one closed path with fill-opacity and widens the y range', () => {
    const plain = plotSvg({ title: 't', xlabel: 'x', ylabel: 'y', series: [line] });
    const banded = plotSvg({
      title: 't',
      xlabel: 'x',
      ylabel: 'y',
      series: [{ ...line, band: { lo: [1, 1, 1], hi: [10, 10, 10] } }],
    });
    expect(plain).not.toMatch(/fill-opacity="0.18"/);
    expect(banded.match(/fill-opacity="0.18"/g)).toHaveLength(1);
    expect(banded).toMatch(/ Z" fill="#000"/);
    expect(banded).toContain('>10<');
  });
  it('on a log axis band values ≤ 0 are dropped from the polygon', () => {
    const s = plotSvg({
      title: 't',
      xlabel: 'x',
      ylabel: 'y',
      logy: true,
      series: [{ ...line, band: { lo: [0, 1, 1], hi: [5, 5, 5] } }],
    });
    const path = /<path d="([^"]+) Z" fill/.exec(s)![1];
    expect(path.split(/[ML]/).filter(Boolean)).toHaveLength(4);
  });
});

describe('plotSvg', () => {
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
