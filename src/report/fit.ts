/**
 * The report of `gensmooth fit --out DIR`: report.json (the fit's JSON with provenance),
 * report.md, a self-contained report.html and one .svg per condition: the rows in the
 * (w, lhs) plane of the condition with the frontier (upper hull, report.ts), the claimed
 * or estimated bound and the violating rows; a condition without a weight (lsmooth) is
 * drawn along the run.
 */
import type { FitReport, FitResult } from '../fit/fit.ts';
import { rowStatistics } from '../fit/statistics.ts';
import type { Table } from '../fit/table.ts';
import { findCondition } from '../conditions/registry.ts';
import { upperHull, type Provenance } from './report.ts';
import { plotSvg, type Series } from './svg.ts';

const fmt = (v: unknown): string =>
  typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v)) : String(v);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const C = { rows: '#3465a4', frontier: '#f57900', claimed: '#4e9a06', est: '#75507b', bad: '#cc0000' };

function plotOf(t: Table, r: FitResult, fstar: number | undefined): string {
  const def = findCondition(r.condition)!;
  const shape: Record<string, number | string> = {};
  for (const p of def.params) if (p.role === 'shape') shape[p.name] = r.claimed[p.name];
  const st = rowStatistics(t, def, shape, fstar);
  const w = st.samples.map((s) => s.w),
    l = st.samples.map((s) => s.lhs);
  const bad = new Set((r.violations?.rows ?? []).map((q) => q.row - 1));
  const badK = st.rows.map((i, k) => (bad.has(i) ? k : -1)).filter((k) => k >= 0);
  const nA = def.A?.param,
    nB = def.B?.param;
  const val = (name: string | undefined) => {
    if (!name) return 0;
    const v = r.claimed[name] ?? r.estimate[name];
    return typeof v === 'number' ? v : NaN;
  };
  const coefA = def.A ? def.A.to(val(nA)) : 0,
    coefB = def.B ? def.B.to(val(nB)) : 0;
  const boundLabel = `${r.verdict === 'estimated' ? 'estimated' : 'claimed'} ${[nA, nB]
    .filter((n): n is string => !!n)
    .map((n) => `${n} = ${fmt(r.claimed[n] ?? r.estimate[n])}`)
    .join(', ')}`;
  if (r.condition === 'lsmooth' || w.every((v) => v === 0)) {
    const step = st.rows.map((i) => {
      const s = t.data.step?.[i];
      return s !== undefined && !Number.isNaN(s) ? s : i + 1;
    });
    const series: Series[] = [{ label: 'rows', x: step, y: l, kind: 'points', color: C.rows }];
    if (Number.isFinite(coefA))
      series.push({
        label: boundLabel,
        x: [Math.min(...step), Math.max(...step)],
        y: [coefA, coefA],
        kind: 'line',
        color: r.verdict === 'estimated' ? C.est : C.claimed,
        dashed: r.verdict !== 'estimated',
      });
    if (badK.length)
      series.push({
        label: 'violating rows',
        x: badK.map((k) => step[k]),
        y: badK.map((k) => l[k]),
        kind: 'points',
        color: C.bad,
        marker: 'cross',
      });
    return plotSvg({
      title: `${r.condition}: ${st.lhs} along the run`,
      xlabel: t.data.step ? 'step' : 'row',
      ylabel: st.lhs,
      logy: true,
      series,
    });
  }
  const series: Series[] = [{ label: 'rows', x: w, y: l, kind: 'points', color: C.rows }];
  const hull = upperHull(w, l);
  if (hull.x.length > 1)
    series.push({ label: 'frontier (upper hull)', x: hull.x, y: hull.y, kind: 'line', color: C.frontier });
  if (Number.isFinite(coefA) && Number.isFinite(coefB)) {
    const pos = w.filter((v) => v > 0);
    const lo = Math.min(...pos),
      hi = Math.max(...pos);
    const xs = Array.from({ length: 60 }, (_, k) => lo * (hi / lo) ** (k / 59));
    series.push({
      label: boundLabel,
      x: xs,
      y: xs.map((v) => coefA + coefB * v),
      kind: 'line',
      color: r.verdict === 'estimated' ? C.est : C.claimed,
      dashed: r.verdict !== 'estimated',
    });
  }
  if (badK.length)
    series.push({
      label: 'violating rows',
      x: badK.map((k) => w[k]),
      y: badK.map((k) => l[k]),
      kind: 'points',
      color: C.bad,
      marker: 'cross',
    });
  return plotSvg({
    title: `${r.condition}: ${st.lhs} against ${st.w}`,
    xlabel: st.w,
    ylabel: st.lhs,
    logx: true,
    logy: true,
    series,
  });
}

function estimateText(r: FitResult): string {
  const iv = r.bootstrap?.intervals ?? {};
  const parts = Object.entries(r.estimate)
    .filter(([, v]) => !Array.isArray(v))
    .map(([k, v]) => `${k} = ${fmt(v)}${iv[k] ? ` [${fmt(iv[k][0])}, ${fmt(iv[k][1])}]` : ''}`);
  return parts.join(', ') || '—';
}

function evidenceText(r: FitResult): string {
  if (r.counterexample) {
    const c = r.counterexample;
    const step = c.step !== undefined ? `, step ${fmt(c.step)}` : '';
    return (
      `${r.violations!.count} violating row(s); worst: row ${c.row} (${c.where}${step}): ` +
      `${fmt(c.lhs)} > ${fmt(c.rhs)}`
    );
  }
  if (r.attainedAt) return `attained at row ${r.attainedAt.row} (${r.attainedAt.where})`;
  return r.verdict === 'holds' ? `closest margin ${fmt(r.margin)}` : '';
}

export function fitText(m: FitReport): string {
  const L = [`${m.objective} (${m.rows} rows, seed ${m.seed}; columns ${m.columns.join(', ')})`];
  for (const r of m.results) {
    const claimed = Object.entries(r.claimed)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(', ');
    L.push(
      `${r.condition}${claimed ? ` [${claimed}]` : ''}: ${r.verdict} (${r.samples} ` +
        `rows: ${r.columns.lhs} against ${r.columns.w})`,
    );
    L.push(`  ${r.inequality}`);
    L.push(`  ${estimateText(r)}`);
    const fr = r.estimate.frontier;
    if (Array.isArray(fr))
      L.push(
        `  frontier: ${fr
          .map(
            (p) =>
              `(${Object.entries(p)
                .map(([a, b]) => `${a}=${fmt(b)}`)
                .join(', ')})`,
          )
          .join(' ')}`,
      );
    const ev = evidenceText(r);
    if (ev) L.push(`  ${ev}`);
    if (r.violations && r.violations.count > 1)
      L.push(
        `  violating rows: ${r.violations.rows.map((q) => q.row).join(', ')}` +
          (r.violations.count > r.violations.rows.length ? ', …' : ''),
      );
    for (const s of r.sensitivity ?? [])
      L.push(`  without row(s) ${s.dropped.map((q) => q.row).join(', ')}: ${fmt(s.estimate)}`);
    if (r.bootstrap?.failingShare !== undefined)
      L.push(`  a violating row is in ${fmt(100 * r.bootstrap.failingShare)} % of the bootstrap resamples`);
    for (const n of r.notes) L.push(`  note: ${n}`);
  }
  for (const n of m.notes) L.push(`note: ${n}`);
  return L.join('\n') + '\n';
}

const HEAD = ['condition', 'claimed', 'verdict', 'estimate [interval]', 'evidence'];
const htmlRow = (r: string[]) =>
  `<tr>${r.map((c, i) => `<td${i === 2 ? ` class="v-${esc(c)}"` : ''}>${esc(c)}</td>`).join('')}</tr>`;

function htmlSection(r: FitResult, svg: string): string {
  const items = [
    ...(r.sensitivity ?? []).map((s) => `without row(s) ${s.dropped.map((q) => q.row).join(', ')}: ${fmt(s.estimate)}`),
    ...r.notes,
  ];
  return (
    `<section><h2>${esc(r.condition)}</h2><p>${esc(r.inequality)}</p>` +
    `<ul>${items.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` +
    `<figure>${svg}<figcaption>${esc(r.condition)}</figcaption></figure></section>`
  );
}

export function renderFit(m: FitReport, t: Table, provenance: Provenance): Record<string, string> {
  const plots = m.results.map((r, i) => ({
    file: `${i + 1}-${r.condition}.svg`,
    title: `${r.condition}`,
    svg: plotOf(t, r, m.fstar?.value),
  }));
  const model = { schemaVersion: 1, provenance, ...m, plots: plots.map((p) => ({ file: p.file, title: p.title })) };
  const files: Record<string, string> = {};
  for (const p of plots) files[p.file] = p.svg + '\n';
  files['report.json'] =
    JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
  const rows = m.results.map((r) => [
    r.condition,
    Object.entries(r.claimed)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(', ') || '—',
    r.verdict,
    estimateText(r),
    evidenceText(r),
  ]);
  const cmd = provenance.command.join(' ');
  const intro =
    `${m.rows} rows, columns ${m.columns.join(', ')}; seed ${m.seed}. ` +
    'Intervals are bootstrap 95 % intervals over rows.';
  const md = [
    `# Measured data: \`${m.objective}\``,
    '',
    `${m.rows} rows, columns ${m.columns.join(', ')}; seed ${m.seed}. Intervals ` +
      `are bootstrap 95 % intervals over rows.`,
    '',
    '| condition | claimed | verdict | estimate [interval] | evidence |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
    ...m.results.flatMap((r, i) => [
      `## ${r.condition}`,
      '',
      r.inequality,
      '',
      `${r.columns.lhs} against ${r.columns.w}, ${r.samples} rows.`,
      '',
      ...(r.sensitivity ?? []).map(
        (s) => `- without row(s) ${s.dropped.map((q) => q.row).join(', ')}: ${fmt(s.estimate)}`,
      ),
      ...r.notes.map((n) => `- ${n}`),
      '',
      `![${r.condition}](${plots[i].file})`,
      '',
    ]),
    ...(m.notes.length ? ['## Notes', '', ...m.notes.map((n) => `- ${n}`), ''] : []),
    '## Replay',
    '',
    '```sh',
    cmd,
    '```',
    '',
    `${provenance.tool} ${provenance.version}, git ${provenance.gitCommit ?? 'unknown'}, Node ${provenance.node}.`,
    '',
  ];
  files['report.md'] = md.join('\n');
  files['report.html'] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Measured data: ${esc(m.objective)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 6px;font-size:13px;text-align:left;vertical-align:top}
.v-holds{color:#2e7d32}.v-fails{color:#c62828;font-weight:bold}.v-estimated{color:#1565c0}.v-inconclusive{color:#ef6c00}
svg{max-width:100%;height:auto}pre{background:#f5f5f5;padding:4px}</style>
</head><body>
<h1>Measured data: <code>${esc(m.objective)}</code></h1>
<p>${esc(intro)}</p>
<table><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${rows.map(htmlRow).join('\n')}
</tbody></table>
${m.results.map((r, i) => htmlSection(r, plots[i].svg)).join('\n')}
<h2>Replay</h2><pre>${esc(cmd)}</pre>
</body></html>
`;
  return files;
}
