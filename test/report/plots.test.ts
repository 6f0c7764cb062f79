/** The report's plots (report/plots.ts): which results get one, what each series holds, the trace's axes. */
import { describe, expect, it } from 'vitest';
import { conditionPlots, tracePlot } from '../../src/report/plots.ts';
import { results, run } from './fixture.ts';

const circles = (svg: string, color: string) =>
  (svg.match(new RegExp(`<circle [^>]*fill="${color}"`, 'g')) ?? []).length;

describe('conditionPlots', () => {
  const [holds, fails, gpl, inc] = results();
  it('a (w, lhs) scatter with its upper hull and the claimed line, named by the result index', () => {
    const [p] = conditionPlots(holds, 0);
    expect(p.file).toBe('1-l0l1.svg');
    expect(p.title).toBe('l0l1 L0=16, L1=1, alpha=1');
    expect(p.svg).toContain('l0l1: ‖∇²f(x)‖ against ‖∇f(x)‖^α');
    // w = 0 cannot be drawn on a log axis: 3 of the 4 samples (and the legend dot); the sample at
    // w = 0 is also the hull's first vertex, so two values are off the axis.
    expect(circles(p.svg, '#3465a4')).toBe(3 + 1);
    expect(p.svg).toContain('2 value(s) off a log axis not shown');
    expect(p.svg).toContain('claimed L0=16, L1=1, alpha=1');
    expect(p.svg).toContain('frontier (upper hull)');
  });
  it('a counterexample is marked with a cross', () => {
    const [p] = conditionPlots(fails, 4);
    expect(p.file).toBe('5-l0l1.svg');
    expect(p.svg).toContain('counterexample');
    expect(p.svg).toMatch(/stroke="#cc0000"/);
  });
  it('gpl: the PŁ ratio ‖∇f‖^ρ/(2(f − f*)) against the gap, with the estimated μ as a line', () => {
    const [p] = conditionPlots(gpl, 2);
    expect(p.title).toBe('gpl rho=2: PŁ ratio against the gap');
    expect(p.svg).toContain('estimated μ = 2');
    // Samples with a zero gap are left out (their ratio is undefined): (1, 4/2) and (4, 16/8).
    expect(circles(p.svg, '#3465a4')).toBe(2 + 1);
    expect(p.svg).toContain('>f(x) − f*<');
  });
  it('nothing to draw: no scatter, a condition without axes, or every weight zero', () => {
    expect(conditionPlots(inc, 3)).toEqual([]);
    expect(conditionPlots({ ...holds, condition: 'lsmooth' }, 0)).toEqual([]);
    expect(conditionPlots({ ...holds, scatter: { w: [0, 0], lhs: [1, 2] } }, 0)).toEqual([]);
    expect(conditionPlots({ ...holds, scatter: { w: [], lhs: [] } }, 0)).toEqual([]);
  });
});

describe('tracePlot', () => {
  it('with f*: f − f* on log axes, the bound dashed, the legend bottom left', () => {
    const p = tracePlot(run(0.1));
    expect(p.file).toBe('optimizer-trace.svg');
    expect(p.svg).toContain('>f(x_t) − f*<');
    expect(p.svg).toContain('Theorem 1 bound');
    expect(p.svg).toMatch(/stroke-dasharray/);
    expect(p.svg).toContain('gd on expr:x^4');
  });
  it('without f*: f itself on a linear axis (no plunge to the run’s own minimum), no bound', () => {
    const p = tracePlot(run());
    expect(p.svg).toContain('>f(x_t) (f* unknown)<');
    expect(p.svg).not.toMatch(/stroke-dasharray/);
    // The last iterate (f = 0.2) is drawn, not dropped as a non-positive value of a log axis.
    expect(p.svg).not.toContain('off a log axis');
  });
});
