/**
 * Assumption reports: one model (report.json, with a schema version), rendered as
 * Markdown (report.md, renders on GitHub), one self-contained HTML file with inline
 * SVG (report.html, no network), and each plot as its own .svg. Everything needed to
 * replay the run is in it: seed, tool version, git commit, Node's version, the command.
 */
import type { CheckReport, ConditionResult } from '../conditions/result.ts';
import type { OptimizeResult } from '../optim/run.ts';
import { plotSvg, type Series } from './svg.ts';
import { upperHull } from '../core/hull.ts';

/** The frontier's hull lives in core/ (experiments use it too); re-exported for the API. */
export { upperHull };

export const SCHEMA_VERSION = 1;

export interface Provenance {
  tool: string;
  version: string;
  gitCommit: string | null;
  node: string;
  command: string[];
}

export interface RunSection {
  result: OptimizeResult;
  /** f*(if known) and the theorem's bound on f_t along the run, when one applies. */
  fstar?: number;
  bound?: { label: string; values: number[] };
}

export interface ReportModel {
  schemaVersion: number;
  provenance: Provenance;
  objective: string;
  dim: number;
  seed: number | string;
  box: CheckReport['box'];
  notes: string[];
  check: CheckReport;
  run?: RunSection;
  /** Each plot, with the index of the result it belongs to (none for the optimizer trace). */
  plots: { file: string; title: string; condition?: string; result?: number }[];
}

const COLORS = {
  samples: '#3465a4',
  frontier: '#f57900',
  claimed: '#4e9a06',
  counter: '#cc0000',
  trace: '#3465a4',
  bound: '#cc0000',
};
const fmt = (v: unknown): string =>
  typeof v === 'number'
    ? Number.isFinite(v)
      ? Number(v.toPrecision(6)).toString()
      : String(v)
    : typeof v === 'string'
      ? v
      : JSON.stringify(v);

const W_LABEL: Record<string, [string, string]> = {
  l0l1: ['‖∇f(x)‖^α', '‖∇²f(x)‖'],
  'l0l1-alpha': ['‖∇f(y)‖^α', '‖∇f(x) − ∇f(y)‖/‖x − y‖'],
  'l0l1-sym': ['max on [x, y] of ‖∇f‖^α', '‖∇f(x) − ∇f(y)‖/‖x − y‖'],
  descent: ['‖∇f(y)‖^α', '2(f(x) − f(y) − ⟨∇f(y), x − y⟩)/‖x − y‖²'],
  'curvature-gap': ['f(x) − f*', '‖∇²f(x)‖'],
  'l0l1-norm': ['‖∇f(x)‖_*', 'sup ‖∇²f(x)v‖_*'],
};

/** The plots of one condition result (empty when it has nothing to draw). */
function conditionPlots(r: ConditionResult, idx: number): { file: string; title: string; svg: string }[] {
  if (!r.scatter || r.scatter.w.length === 0) return [];
  const { w, lhs } = r.scatter;
  const name = `${idx + 1}-${r.condition}`;
  const claimedText = Object.entries(r.claimed)
    .map(([k, v]) => `${k}=${fmt(v)}`)
    .join(', ');
  if (r.condition === 'gpl') {
    // PŁ ratio ‖∇f‖^ρ/(2(f − f*)) against the gap, with μ (estimated or claimed).
    const x: number[] = [],
      y: number[] = [];
    for (let i = 0; i < w.length; i++)
      if (lhs[i] > 0) {
        x.push(lhs[i]);
        y.push(w[i] / (2 * lhs[i]));
      }
    const series: Series[] = [{ label: 'samples', x, y, kind: 'points', color: COLORS.samples }];
    const xs = [Math.min(...x), Math.max(...x)];
    if (typeof r.estimate.mu === 'number')
      series.push({
        label: `estimated μ = ${fmt(r.estimate.mu)}`,
        x: xs,
        y: [r.estimate.mu, r.estimate.mu],
        kind: 'line',
        color: COLORS.frontier,
      });
    if (typeof r.claimed.mu === 'number')
      series.push({
        label: `claimed μ = ${fmt(r.claimed.mu)}`,
        x: xs,
        y: [r.claimed.mu, r.claimed.mu],
        kind: 'line',
        color: COLORS.claimed,
        dashed: true,
      });
    if (r.counterexample && r.counterexample.w !== undefined && r.counterexample.lhs > 0) {
      series.push({
        label: 'counterexample',
        x: [r.counterexample.lhs],
        y: [r.counterexample.w / (2 * r.counterexample.lhs)],
        kind: 'points',
        color: COLORS.counter,
        marker: 'cross',
      });
    }
    return [
      {
        file: `${name}.svg`,
        title: `gpl ${claimedText}: PŁ ratio against the gap`,
        svg: plotSvg({
          title: `PŁ ratio ‖∇f‖^ρ/(2(f − f*)) against the gap (${claimedText})`,
          xlabel: 'f(x) − f*',
          ylabel: '‖∇f(x)‖^ρ / (2(f(x) − f*))',
          logx: true,
          logy: true,
          series,
        }),
      },
    ];
  }
  const labels = W_LABEL[r.condition];
  if (!labels || w.every((v) => v === 0)) return [];
  const series: Series[] = [{ label: 'samples', x: w, y: lhs, kind: 'points', color: COLORS.samples }];
  const hull = upperHull(w, lhs);
  if (hull.x.length > 1)
    series.push({ label: 'frontier (upper hull)', x: hull.x, y: hull.y, kind: 'line', color: COLORS.frontier });
  const A = r.claimed.L0 ?? r.claimed.K0,
    B = r.claimed.L1 ?? r.claimed.K1;
  if (typeof A === 'number' && typeof B === 'number') {
    const wmin = Math.max(Math.min(...w.filter((v) => v > 0)), 1e-300),
      wmax = Math.max(...w);
    const xs = Array.from({ length: 60 }, (_, k) => wmin * (wmax / wmin) ** (k / 59));
    series.push({
      label: `claimed ${claimedText}`,
      x: xs,
      y: xs.map((v) => A + B * v),
      kind: 'line',
      color: COLORS.claimed,
      dashed: true,
    });
  }
  if (r.counterexample && r.counterexample.w !== undefined)
    series.push({
      label: 'counterexample',
      x: [r.counterexample.w],
      y: [r.counterexample.lhs],
      kind: 'points',
      color: COLORS.counter,
      marker: 'cross',
    });
  return [
    {
      file: `${name}.svg`,
      title: `${r.condition} ${claimedText}`,
      svg: plotSvg({
        title: `${r.condition}: ${labels[1]} against ${labels[0]}`,
        xlabel: labels[0],
        ylabel: labels[1],
        logx: true,
        logy: true,
        series,
      }),
    },
  ];
}

function tracePlot(run: RunSection): { file: string; title: string; svg: string } {
  const tr = run.result.trace;
  // With f* known, f − f* on a log axis; without it, f itself on a linear axis (subtracting the
  // run's own minimum would draw a plunge to zero at the best iterate that is not in the data).
  const known = run.fstar !== undefined;
  const shift = known ? run.fstar! : 0;
  const ylabel = known ? 'f(x_t) − f*' : 'f(x_t) (f* unknown)';
  const series: Series[] = [
    {
      label: `${run.result.method.name}`,
      x: tr.map((p) => Math.max(p.t, 1)),
      y: tr.map((p) => p.f - shift),
      kind: 'line',
      color: COLORS.trace,
    },
  ];
  if (run.bound)
    series.push({
      label: run.bound.label,
      x: tr.map((p) => Math.max(p.t, 1)),
      y: run.bound.values.map((v) => v - shift),
      kind: 'line',
      color: COLORS.bound,
      dashed: true,
    });
  return {
    file: 'optimizer-trace.svg',
    title: 'optimizer trace',
    svg: plotSvg({
      title: `${run.result.method.name} on ${run.result.objective}`,
      xlabel: 'iteration t',
      ylabel,
      logx: true,
      logy: known,
      series,
      legend: known ? 'bl' : 'tl',
    }),
  };
}

export interface RenderedReport {
  model: ReportModel;
  files: Record<string, string>;
}

export function buildReport(check: CheckReport, provenance: Provenance, run?: RunSection): RenderedReport {
  const plots: { file: string; title: string; svg: string; condition?: string; result?: number }[] = [];
  check.results.forEach((r, i) =>
    plots.push(...conditionPlots(r, i).map((p) => ({ ...p, condition: r.condition, result: i }))),
  );
  if (run) plots.push(tracePlot(run));
  // The scatter samples go to the plots, not into report.json (they can be large).
  const results = check.results.map(({ scatter: _s, ...rest }) => rest);
  const model: ReportModel = {
    schemaVersion: SCHEMA_VERSION,
    provenance,
    objective: check.objective,
    dim: check.dim,
    seed: check.seed,
    box: check.box,
    notes: check.notes,
    check: { ...check, results: results as ConditionResult[] },
    run,
    plots: plots.map((p) => ({ file: p.file, title: p.title, condition: p.condition, result: p.result })),
  };
  const files: Record<string, string> = {};
  for (const p of plots) files[p.file] = p.svg + '\n';
  files['report.json'] =
    JSON.stringify(model, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
  files['report.md'] = markdown(model);
  files['report.html'] = html(model, plots);
  return { model, files };
}

function rows(model: ReportModel): string[][] {
  return model.check.results.map((r) => [
    r.condition,
    Object.entries(r.claimed)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join(', ') || '—',
    r.verdict,
    Object.entries(r.estimate)
      .filter(([, v]) => !Array.isArray(v))
      .map(([k, v]) => `${k} = ${fmt(v)}`)
      .join(', ') || '—',
    r.counterexample
      ? `x = [${r.counterexample.x.map(fmt).join(', ')}]${r.counterexample.y ? `, y = [${r.counterexample.y.map(fmt).join(', ')}]` : ''}: ${fmt(r.counterexample.lhs)} > ${fmt(r.counterexample.rhs)}`
      : (r.reason ?? ''),
  ]);
}

/** Where the check ran, in words. */
function domainText(m: ReportModel): string {
  const b = m.box;
  return Array.isArray(b) ? `box [${b.join(', ')}]^${m.dim}` : `domain ${String(m.check.domain.spec)}`;
}

/** What one result says beyond its table row, as plain sentences: the same for report.md and report.html. */
export function resultDetails(r: ConditionResult): string[] {
  const out: string[] = [];
  const fr = r.estimate.frontier;
  if (Array.isArray(fr))
    out.push(
      `Frontier (tightest pairs): ${fr
        .map(
          (p) =>
            `(${Object.entries(p)
              .map(([k, v]) => `${k} = ${fmt(v)}`)
              .join(', ')})`,
        )
        .join(', ')}.`,
    );
  let verdict = `Verdict ${r.verdict} from ${r.samples} samples (${r.evaluations} evaluations).`;
  if (r.verdict === 'holds' && r.margin !== undefined)
    verdict += ` Closest margin rhs − lhs = ${fmt(r.margin)}${r.margin < 0 ? ' (below zero only within the error bounds of the two sides)' : ''}.`;
  out.push(verdict);
  if (r.verdict === 'holds' && r.coverage)
    out.push(`${r.coverage.statement[0].toUpperCase()}${r.coverage.statement.slice(1)}.`);
  if (r.verdict === 'fails') {
    const c = r.counterexample;
    out.push(
      `Counterexample x = [${c.x.map(fmt).join(', ')}]${c.y ? `, y = [${c.y.map(fmt).join(', ')}]` : ''}: lhs ${fmt(c.lhs)} > rhs ${fmt(c.rhs)}, re-checked (${c.recheck}).`,
    );
    if (c.replay) out.push(`Replay the point alone: ${c.replay}`);
  }
  if (r.verdict === 'inconclusive') out.push(`Inconclusive (${r.cause}): ${r.reason}.`);
  if (r.tightest && Object.keys(r.tightest).length > 0)
    out.push(
      `Tightest over the evidence, the other constants as claimed: ${Object.entries(r.tightest)
        .map(([k, v]) => `${k} = ${fmt(v)}`)
        .join(', ')}.`,
    );
  if (r.hessianNorm?.method === 'lanczos')
    out.push(
      `Hessian norms by Lanczos intervals (joint confidence ${fmt(100 * (r.hessianNorm.confidence ?? 0))} %, widest decisive interval ${fmt(100 * (r.hessianNorm.maxRelativeWidth ?? 0))} % of its lower end).`,
    );
  return out;
}

function markdown(m: ReportModel): string {
  const L: string[] = [];
  L.push(`# Assumption report: \`${m.objective}\``, '');
  L.push(`Dimension ${m.dim}, ${domainText(m)}, seed ${m.seed}.`, '');
  L.push('| condition | claimed | verdict | estimate | counterexample / reason |', '|---|---|---|---|---|');
  for (const r of rows(m)) L.push(`| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  L.push('');
  m.check.results.forEach((r, ri) => {
    L.push(
      `## ${r.condition}${
        Object.keys(r.claimed).length
          ? ` (${Object.entries(r.claimed)
              .map(([k, v]) => `${k}=${fmt(v)}`)
              .join(', ')})`
          : ''
      }`,
      '',
      `${r.inequality}`,
      '',
    );
    for (const d of resultDetails(r)) L.push(d.replace(/^Verdict (\S+)/, 'Verdict **$1**'), '');
    for (const n of r.notes) L.push(`- ${n}`);
    if (r.notes.length) L.push('');
    for (const p of m.plots.filter((q) => q.result === ri)) L.push(`![${p.title}](${p.file})`, '');
  });
  if (m.run) {
    const tr = m.run.result.trace,
      last = tr[tr.length - 1];
    L.push(
      '## Optimizer run',
      '',
      `\`${m.run.result.method.name}\` ${Object.entries(m.run.result.method.params)
        .map(([k, v]) => `${k}=${fmt(v)}`)
        .join(
          ', ',
        )}: ${m.run.result.steps} iterations, status ${m.run.result.status}, f = ${fmt(tr[0].f)} → ${fmt(last.f)}, ‖∇f‖ = ${fmt(tr[0].gradNorm)} → ${fmt(last.gradNorm)}.`,
      '',
    );
    if (m.run.bound) L.push(`Dashed: ${m.run.bound.label}.`, '');
    L.push('![optimizer trace](optimizer-trace.svg)', '');
  }
  if (m.notes.length) {
    L.push('## Notes', '');
    for (const n of m.notes) L.push(`- ${n}`);
    L.push('');
  }
  L.push(
    '## Replay',
    '',
    '```sh',
    m.provenance.command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '),
    '```',
    '',
  );
  L.push(
    `${m.provenance.tool} ${m.provenance.version}, git ${m.provenance.gitCommit ?? 'unknown'}, Node ${m.provenance.node}, report schema ${m.schemaVersion}.`,
    '',
  );
  return L.join('\n');
}

const escHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function html(
  m: ReportModel,
  plots: { file: string; title: string; svg: string; condition?: string; result?: number }[],
): string {
  const body: string[] = [];
  body.push(`<h1>Assumption report: <code>${escHtml(m.objective)}</code></h1>`);
  body.push(`<p>Dimension ${m.dim}, ${escHtml(domainText(m))}, seed ${escHtml(String(m.seed))}.</p>`);
  body.push(
    '<table><thead><tr><th>condition</th><th>claimed</th><th>verdict</th><th>estimate</th><th>counterexample / reason</th></tr></thead><tbody>',
  );
  for (const r of rows(m))
    body.push(
      `<tr>${r.map((c, i) => `<td${i === 2 ? ` class="v-${escHtml(c)}"` : ''}>${escHtml(c)}</td>`).join('')}</tr>`,
    );
  body.push('</tbody></table>');
  m.check.results.forEach((r, ri) => {
    body.push(
      `<section><h2>${escHtml(r.condition)}${
        Object.keys(r.claimed).length
          ? ` <small>(${escHtml(
              Object.entries(r.claimed)
                .map(([k, v]) => `${k}=${fmt(v)}`)
                .join(', '),
            )})</small>`
          : ''
      }</h2><p>${escHtml(r.inequality)}</p>`,
    );
    for (const d of resultDetails(r))
      body.push(
        `<p>${escHtml(d).replace(/^Verdict (\S+)/, (_m, v: string) => `Verdict <b class="v-${v}">${v}</b>`)}</p>`,
      );
    if (r.notes.length) body.push(`<ul>${r.notes.map((n) => `<li>${escHtml(n)}</li>`).join('')}</ul>`);
    for (const p of plots.filter((q) => q.result === ri))
      body.push(`<figure>${p.svg}<figcaption>${escHtml(p.title)}</figcaption></figure>`);
    body.push('</section>');
  });
  if (m.run) {
    const tp = plots.find((p) => p.file === 'optimizer-trace.svg');
    body.push(
      `<section><h2>Optimizer run</h2><p><code>${escHtml(m.run.result.method.name)}</code>: ${m.run.result.steps} iterations, status ${m.run.result.status}.</p>${tp ? `<figure>${tp.svg}<figcaption>${escHtml(m.run.bound?.label ?? 'trace')}</figcaption></figure>` : ''}</section>`,
    );
  }
  body.push(
    `<section><h2>Replay</h2><pre>${escHtml(m.provenance.command.join(' '))}</pre><p>${escHtml(`${m.provenance.tool} ${m.provenance.version}, git ${m.provenance.gitCommit ?? 'unknown'}, Node ${m.provenance.node}, report schema ${m.schemaVersion}`)}</p></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Assumption report: ${escHtml(m.objective)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;font-size:13px;text-align:left;vertical-align:top}
.v-holds{color:#2e7d32}.v-fails{color:#c62828;font-weight:bold}.v-estimated{color:#1565c0}.v-inconclusive{color:#ef6c00}
figure{margin:1em 0}figcaption{color:#555;font-size:12px}svg{max-width:100%;height:auto}code,pre{background:#f5f5f5;padding:2px 4px}</style>
</head><body>
${body.join('\n')}
</body></html>
`;
}
