/**
 * The spectrum report (`gensmooth spectrum --out DIR`): report.json, report.md, a
 * self-contained report.html and density.svg, the Gaussian-broadened SLQ density on a
 * log axis (as PyHessian plots it), with λmin and λmax marked.
 */
import type { SpectrumResult } from '../curvature/spectrum.ts';
import type { Provenance } from './report.ts';
import { plotSvg } from './svg.ts';

export interface SpectrumModel extends SpectrumResult {
  schemaVersion: number;
  kind: 'spectrum';
  provenance: Provenance;
  objective: string;
  dim: number;
  seed: number | string;
  at: { source: 'start' | 'given'; norm: number; x: number[] | null };
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const json = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2) + '\n';

export function densitySvg(m: SpectrumModel): string {
  const d = m.density;
  const top = Math.max(...d.values);
  // A log axis shows the outliers beside the bulk; values below 1e-8 of the peak are clipped there.
  const floor = top * 1e-8;
  const y = d.values.map((v) => Math.max(v, floor));
  const mark = [floor, top];
  return plotSvg({
    title: `Eigenvalue density of ∇²f (SLQ, ${d.runs} runs × ${d.steps} steps, σ = ${fmt(d.sigma)})`,
    xlabel: 'eigenvalue',
    ylabel: 'density (integrates to 1)',
    logy: true,
    series: [
      { label: 'SLQ density', x: d.grid, y, kind: 'line', color: '#3465a4' },
      {
        label: `λmin = ${fmt(m.lambdaMin)}`,
        x: [m.lambdaMin, m.lambdaMin],
        y: mark,
        kind: 'line',
        color: '#cc0000',
        dashed: true,
      },
      {
        label: `λmax = ${fmt(m.lambdaMax)}`,
        x: [m.lambdaMax, m.lambdaMax],
        y: mark,
        kind: 'line',
        color: '#4e9a06',
        dashed: true,
      },
    ],
  });
}

function lines(m: SpectrumModel): string[] {
  return [
    `λmax = ${fmt(m.lambdaMax)} (residual ${fmt(m.residuals.lambdaMax)}), λmin ` +
      `= ${fmt(m.lambdaMin)} (residual ${fmt(m.residuals.lambdaMin)}), ${m.lanczos.iterations} ` +
      `Lanczos steps${m.lanczos.invariant ? ' (invariant Krylov space: exact)' : ''}`,
    `‖∇²f‖ = max(|λmax|, |λmin|) = ${fmt(m.norm)}`,
    `trace = ${fmt(m.trace.value)}, 95 % interval [${fmt(m.trace.interval[0])}, ` +
      `${fmt(m.trace.interval[1])}] (Hutchinson, ${m.trace.probes} Rademacher ` +
      `probes)`,
    `${m.hvps} Hessian-vector products (${m.hvp})`,
  ];
}

export function renderSpectrum(m: SpectrumModel): Record<string, string> {
  const svg = densitySvg(m);
  const where = m.at.source === 'start' ? "the objective's start" : 'the given point';
  const head = `Spectrum of ∇²f at ${where} (‖x‖ = ${fmt(m.at.norm)}): \`${m.objective}\``;
  const cmd = m.provenance.command.join(' ');
  const md = [
    `# ${head}`,
    '',
    `Dimension ${m.dim}, seed ${m.seed}.`,
    '',
    ...lines(m).map((l) => `- ${l}`),
    ...m.notes.map((l) => `- note: ${l}`),
    '',
    '![eigenvalue density](density.svg)',
    '',
    '## Replay',
    '',
    '```sh',
    cmd,
    '```',
    '',
    `${m.provenance.tool} ${m.provenance.version}, git ${m.provenance.gitCommit ?? 'unknown'}, ` +
      `Node ${m.provenance.node}.`,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(head)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
svg{max-width:100%;height:auto}pre{background:#f5f5f5;padding:4px}</style>
</head><body>
<h1>${esc(head)}</h1><p>Dimension ${m.dim}, seed ${esc(String(m.seed))}.</p>
<ul>${[...lines(m), ...m.notes.map((l) => `note: ${l}`)].map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
<figure>${svg}<figcaption>eigenvalue density</figcaption></figure>
<h2>Replay</h2><pre>${esc(cmd)}</pre>
</body></html>
`;
  return { 'report.json': json(m), 'report.md': md, 'report.html': html, 'density.svg': svg + '\n' };
}

export function spectrumText(m: SpectrumModel): string {
  return [`${m.objective} (dim ${m.dim}, seed ${m.seed})`, ...lines(m), ...m.notes.map((l) => `note: ${l}`)]
    .map((l, i) => (i === 0 ? l : `  ${l}`))
    .join('\n')
    .concat('\n');
}
