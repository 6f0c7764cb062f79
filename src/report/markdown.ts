/** report.md: the report as GitHub-flavoured Markdown (the plots linked as .svg files beside it). */
import type { ReportModel } from './model.ts';
import { domainText, fmt, resultDetails, rows } from './text.ts';

/** The report as Markdown: summary table, a section per result with its plots, the run, notes and the replay command. */
export function markdown(m: ReportModel): string {
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
