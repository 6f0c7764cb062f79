/** Jin et al.: perturbed GD escapes a strict saddle in time growing like ln d. */
import { makeBuiltin } from '../../objectives/spec.ts';
import { parseMethodSpec } from '../../optim/methods.ts';
import { escapeTimes } from '../escape.ts';
import { PALETTE, fmt, type ExperimentDef } from './arms.ts';

export const escapeDimension: ExperimentDef = {
  name: 'escape-dimension',
  title: 'Saddle escape time against dimension: perturbed GD on ½xᵀDx + ¼‖x‖⁴ (Jin et al.)',
  run(seed, quick) {
    const { def, params } = parseMethodSpec('pgd:gamma=0.1,r=0.001,gthres=0.0001,tthres=1000');
    const dims = quick ? [2, 10, 100, 1000] : [2, 10, 100, 1000, 10000];
    const r = escapeTimes(def, params, {
      dims,
      runs: quick ? 9 : 25,
      radius: 0.5,
      maxIters: 5000,
      seed,
      make: (d) => makeBuiltin('quartic-saddle', `d=${d}`),
    });
    return {
      name: this.name,
      title: this.title,
      setting: [
        'f = ½xᵀDx + ¼‖x‖⁴, D = diag(−1, 1, …, 1): strict saddle at 0 (λmin = −1); PGD with η = 0.1, perturbation radius 1e-3, escape at ‖x‖ ≥ 0.5 (theory.md §g2)',
        'claim compared: the median escape time grows like ln d with slope 1/(2 ln(1 + η|λmin|)) = 5.25',
      ],
      observed: [
        ...r.dims.map((x) => `d = ${x.d}: median ${x.median} steps (${x.escaped}/${x.runs} escaped)`),
        r.fit
          ? `fitted slope ${fmt(r.fit.slope)} [${fmt(r.fit.ci[0])}, ${fmt(r.fit.ci[1])}] against the predicted ${fmt(r.predicted!.slope)}`
          : 'no fit',
      ],
      agreesWithPaper: r.consistent,
      data: r as unknown as Record<string, unknown>,
      plots: [
        {
          file: 'escape-vs-dimension.svg',
          spec: {
            title: 'Median escape time against ln d',
            xlabel: 'dimension d',
            ylabel: 'median escape time (steps)',
            logx: true,
            series: [
              {
                label: 'median over runs',
                x: r.dims.map((x) => x.d),
                y: r.dims.map((x) => x.median ?? NaN),
                kind: 'points',
                color: PALETTE[0],
              },
              ...(r.fit
                ? [
                    {
                      label: `fit: slope ${fmt(r.fit.slope)} per unit of ln d`,
                      x: r.dims.map((x) => x.d),
                      y: r.dims.map((x) => r.fit!.intercept + r.fit!.slope * Math.log(x.d)),
                      kind: 'line' as const,
                      color: PALETTE[1],
                    },
                  ]
                : []),
              ...(r.predicted && r.fit
                ? [
                    {
                      label: `predicted slope ${fmt(r.predicted.slope)}`,
                      x: r.dims.map((x) => x.d),
                      y: r.dims.map((x) => r.fit!.intercept + r.predicted!.slope * Math.log(x.d)),
                      kind: 'line' as const,
                      color: PALETTE[2],
                      dashed: true,
                    },
                  ]
                : []),
            ],
          },
        },
      ],
    };
  },
};
