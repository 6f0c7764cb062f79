/** report.html: one self-contained page, the plots inline as SVG, no script and no network. */
import type { Plot, ReportModel } from './model.ts';
import { domainText, fmt, resultDetails, rows } from './text.ts';

/** Text as HTML (element content and double-quoted attributes carry no quotes here). */
export const escHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page, with each plot's SVG inline beside the result it belongs to. */
export function html(m: ReportModel, plots: Plot[]): string {
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
