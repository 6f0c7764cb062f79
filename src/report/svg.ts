/**
 * Hand-written SVG plots (no browser, no dependency): scatter and line series on
 * linear or logarithmic axes, with ticks, labels, a legend and markers. Values that a
 * log axis cannot show (≤ 0, non-finite) are dropped and counted in a caption. A line
 * may carry a band (an interval over instances), drawn as a translucent polygon.
 */

export interface Series {
  label: string;
  x: number[];
  y: number[];
  kind: 'points' | 'line';
  color: string;
  marker?: 'dot' | 'cross';
  dashed?: boolean;
  /** A shaded band [lo, hi] at the same x (e.g. an interval over instances), drawn under the line. */
  band?: { lo: number[]; hi: number[] };
}

export interface PlotSpec {
  title: string;
  xlabel: string;
  ylabel: string;
  logx?: boolean;
  logy?: boolean;
  series: Series[];
  width?: number;
  height?: number;
  /** Legend corner: top-left (default) or bottom-left. */
  legend?: 'tl' | 'bl';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    return Math.abs(m - Math.round(m)) < 1e-9 && Math.round(m) === 1 ? `1e${e}` : `${Number(m.toPrecision(2))}e${e}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Ticks: decades on log axes (thinned to ≤ 8), 1-2-5 steps on linear axes. */
function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const a = Math.floor(lo),
      b = Math.ceil(hi);
    const step = Math.max(1, Math.ceil((b - a) / 8));
    const out: number[] = [];
    for (let e = a; e <= b; e += step) out.push(e);
    return out;
  }
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step)
    out.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return out;
}

export function plotSvg(p: PlotSpec): string {
  const W = p.width ?? 640,
    H = p.height ?? 420;
  const ml = 72,
    mr = 16,
    mt = 36,
    mb = 52;
  const tx = (v: number) => (p.logx ? Math.log10(v) : v);
  const ty = (v: number) => (p.logy ? Math.log10(v) : v);
  const ok = (v: number, log?: boolean) => Number.isFinite(v) && (!log || v > 0);
  let dropped = 0;
  const data = p.series.map((s) => {
    const pts: [number, number][] = [];
    for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) {
      if (ok(s.x[i], p.logx) && ok(s.y[i], p.logy)) pts.push([tx(s.x[i]), ty(s.y[i])]);
      else dropped++;
    }
    // The band's polygon: lo left to right, then hi right to left (points off the axes dropped).
    const band: [number, number][] = [];
    if (s.band) {
      const lo: [number, number][] = [],
        hi: [number, number][] = [];
      for (let i = 0; i < s.x.length; i++) {
        if (!ok(s.x[i], p.logx) || !ok(s.band.lo[i], p.logy) || !ok(s.band.hi[i], p.logy)) continue;
        lo.push([tx(s.x[i]), ty(s.band.lo[i])]);
        hi.push([tx(s.x[i]), ty(s.band.hi[i])]);
      }
      band.push(...lo, ...hi.reverse());
    }
    return { s, pts, band };
  });
  const all = data.flatMap((d) => [...d.pts, ...d.band]);
  let [x0, x1] = all.length ? [Math.min(...all.map((q) => q[0])), Math.max(...all.map((q) => q[0]))] : [0, 1];
  let [y0, y1] = all.length ? [Math.min(...all.map((q) => q[1])), Math.max(...all.map((q) => q[1]))] : [0, 1];
  if (x1 - x0 < 1e-12) {
    x0 -= 0.5;
    x1 += 0.5;
  }
  if (y1 - y0 < 1e-12) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const padx = 0.03 * (x1 - x0),
    pady = 0.05 * (y1 - y0);
  x0 -= padx;
  x1 += padx;
  y0 -= pady;
  y1 += pady;
  const X = (v: number) => ml + ((v - x0) / (x1 - x0)) * (W - ml - mr);
  const Y = (v: number) => H - mb - ((v - y0) / (y1 - y0)) * (H - mt - mb);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(p.title)}</text>`);
  out.push(`<rect x="${ml}" y="${mt}" width="${W - ml - mr}" height="${H - mt - mb}" fill="none" stroke="#444"/>`);
  for (const t of ticks(x0, x1, !!p.logx)) {
    if (t < x0 || t > x1) continue;
    const xv = X(t);
    out.push(`<line x1="${num(xv)}" y1="${mt}" x2="${num(xv)}" y2="${H - mb}" stroke="#eee"/>`);
    out.push(
      `<text x="${num(xv)}" y="${H - mb + 16}" text-anchor="middle">${esc(fmtTick(p.logx ? 10 ** t : t))}</text>`,
    );
  }
  for (const t of ticks(y0, y1, !!p.logy)) {
    if (t < y0 || t > y1) continue;
    const yv = Y(t);
    out.push(`<line x1="${ml}" y1="${num(yv)}" x2="${W - mr}" y2="${num(yv)}" stroke="#eee"/>`);
    out.push(`<text x="${ml - 6}" y="${num(yv + 4)}" text-anchor="end">${esc(fmtTick(p.logy ? 10 ** t : t))}</text>`);
  }
  out.push(`<text x="${(ml + W - mr) / 2}" y="${H - 12}" text-anchor="middle">${esc(p.xlabel)}</text>`);
  out.push(
    `<text transform="translate(16 ${(mt + H - mb) / 2}) rotate(-90)" text-anchor="middle">${esc(p.ylabel)}</text>`,
  );
  for (const { s, band } of data)
    if (band.length > 2)
      out.push(
        `<path d="${band.map((q, i) => `${i ? 'L' : 'M'}${num(X(q[0]))} ${num(Y(q[1]))}`).join(' ')} Z" fill="${s.color}" fill-opacity="0.18" stroke="none"/>`,
      );
  for (const { s, pts } of data) {
    if (s.kind === 'line' && pts.length > 1) {
      const d = pts.map((q, i) => `${i ? 'L' : 'M'}${num(X(q[0]))} ${num(Y(q[1]))}`).join(' ');
      out.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    } else if (s.marker === 'cross') {
      for (const q of pts) {
        const a = X(q[0]),
          b = Y(q[1]);
        out.push(
          `<path d="M${num(a - 6)} ${num(b - 6)} L${num(a + 6)} ${num(b + 6)} M${num(a - 6)} ${num(b + 6)} L${num(a + 6)} ${num(b - 6)}" stroke="${s.color}" stroke-width="3"/>`,
        );
      }
    } else {
      for (const q of pts)
        out.push(`<circle cx="${num(X(q[0]))}" cy="${num(Y(q[1]))}" r="2" fill="${s.color}" fill-opacity="0.5"/>`);
    }
  }
  // Legend.
  let ly = p.legend === 'bl' ? H - mb - 10 - 16 * (data.length - 1) : mt + 14;
  for (const { s } of data) {
    const lx = ml + 10;
    if (s.kind === 'line')
      out.push(
        `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    else out.push(`<circle cx="${lx + 9}" cy="${ly - 4}" r="4" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 24}" y="${ly}">${esc(s.label)}</text>`);
    ly += 16;
  }
  if (dropped > 0)
    out.push(
      `<text x="${W - mr}" y="${H - 12}" text-anchor="end" fill="#888">${dropped} value(s) off a log axis not shown</text>`,
    );
  out.push('</svg>');
  return out.join('\n');
}
