/**
 * The help texts: one entry per command, printed by `gensmooth COMMAND --help` (or
 * `-h`, or `gensmooth help COMMAND`), and a summary of all of them by `gensmooth --help`
 * (docs/contract.md, additions: every command prints its usage and exits 0). main.ts
 * handles --help once for every command, before the command parses its arguments.
 *
 * A command's flags are listed with their defaults; when a command gains a flag, its
 * entry here gains a line (test/cli/help.test.ts checks that every listed flag is one
 * the command accepts).
 */

export interface CommandHelp {
  /** Usage lines, without the leading "gensmooth ". */
  usage: string[];
  /** One line for `gensmooth --help`. */
  summary: string;
  /** More about what the command does, shown by COMMAND --help. */
  about?: string;
  /** [flag with its value placeholder, meaning, default ('' when none)]. */
  flags: [string, string, string][];
  /** Commands that work as written (from the package root, or anywhere for built-ins and expressions). */
  examples: string[];
}

const SEED: [string, string, string] = ['--seed S', 'the one seed everything random derives from', '1'];
const JSON_FLAG: [string, string, string] = ['--json', 'the result as one JSON document on stdout', 'off'];
const BOX: [string, string, string] = ['--box LO:HI', 'each coordinate is sampled in [LO, HI]', '-3:3'];
const STRICT: [string, string, string] = [
  '--strict',
  'an undefined value (NaN, ±∞) of f or its derivatives at a sampled point is an error (exit 3)',
  'off: counted and skipped',
];
const DOMAIN: [string, string, string] = [
  '--domain SPEC',
  'where to check: box:LO:HI, box:LO1,...:HI1,..., ball:R, sublevel:F[:box:...|:ball:R], trajectory:METHOD_SPEC[,tube=r], points:FILE (--box LO:HI is short for box:LO:HI)',
  'box:-3:3',
];
const AT: [string, string, string] = [
  '--at X1,...',
  'evaluate the condition at this point only (repeat for the second point of a pair; one number: every coordinate)',
  'none',
];
const DOMAIN_ARGS: [string, string, string][] = [
  ['--center X1,...', 'the centre of a ball domain (one number: every coordinate)', "the objective's start"],
  ['--x0 X1,...', 'the start of a trajectory domain', "the objective's start"],
];
const ITERS_TRAJECTORY: [string, string, string] = ['--iters N', 'iterations of a trajectory domain', '200'];
const NO_VERIFY: [string, string, string] = [
  '--no-verify',
  'skip the check of the derivatives against the values that runs first (exit 3 on a mismatch)',
  'off',
];
const TIME_LIMIT: [string, string, string] = [
  '--time-limit SECONDS',
  'stop sampling and search then (a claim not violated so far is inconclusive); on the workers even inside an objective that never returns; the stationary-point and f* searches stop between their starts, and the derivative check is not interrupted',
  'none',
];
const WORKERS: [string, string, string] = [
  '--workers N',
  'worker threads the samples and searches are spread over (0: this thread only); the result is the same for any N',
  'one per core',
];

export const COMMAND_HELP: Record<string, CommandHelp> = {
  list: {
    usage: ['list'],
    summary: 'built-ins, conditions and methods, one a line, with their parameters',
    flags: [],
    examples: ['gensmooth list', 'gensmooth list | grep ^condition'],
  },
  verify: {
    usage: [
      'verify OBJECTIVE [--seed S] [--box LO:HI | --domain SPEC [--center X]] [--at X1,...]... [--strict] [--json]',
    ],
    summary: "the objective's gradient and Hessian-vector product against finite differences",
    about:
      'Exit 0 when they agree to within the finite-difference error, 1 when not; a mismatch is described in\n' +
      'words ("the gradient looks sign-flipped", "off by a factor 2") with the numbers in full precision.',
    flags: [
      SEED,
      ['--box LO:HI', 'points are sampled in [LO, HI] in every coordinate', '-3:3'],
      DOMAIN,
      DOMAIN_ARGS[0],
      ['--at X1,...', 'check at this point (repeatable; one number: every coordinate)', 'seeded points of the domain'],
      STRICT,
      JSON_FLAG,
    ],
    examples: ['gensmooth verify builtin:phase-retrieval', "gensmooth verify 'expr:x1^4 + x2^2' --json"],
  },
  check: {
    usage: [
      'check OBJECTIVE [--condition SPEC]... [--box LO:HI | --domain SPEC [--center X] [--iters N] [--x0 X]]',
      '                [--fstar F] [--xstar X1,X2,...]',
      '                [--seed S] [--samples N] [--time-limit SECONDS] [--at X1,... [--at Y1,...]] [--strict]',
      '                [--no-verify] [--workers N] [--json] [--out DIR]',
    ],
    summary: 'verdicts on claimed constants, or estimates of the tightest ones',
    about:
      'A claim (every constant given) is checked: exit 1 with a re-checked counterexample when it fails, and\n' +
      'the command that replays it alone (--at). Leaving one constant out estimates it; leaving two out reports\n' +
      'the trade-off frontier. The derivatives are checked against the values first.',
    flags: [
      ['--condition SPEC', 'NAME or NAME:k=v,k=v (repeatable; gensmooth list shows them)', 'every applicable one'],
      BOX,
      DOMAIN,
      ...DOMAIN_ARGS,
      ITERS_TRAJECTORY,
      ['--fstar F', 'the known infimum f*', 'estimated where needed'],
      ['--xstar X1,X2,...', 'a known minimiser (aiming)', "the objective's own, else none"],
      SEED,
      ['--samples N', 'sampled points (or pairs) before the adversarial search (at most 1e6)', '2000'],
      TIME_LIMIT,
      WORKERS,
      AT,
      STRICT,
      NO_VERIFY,
      JSON_FLAG,
      ['--out DIR', 'also write the assumption report (report.json, .md, .html, .svg plots) to DIR', 'none'],
    ],
    examples: [
      "gensmooth check 'expr:x^4' --condition l0l1:L1=2",
      "gensmooth check 'expr:x^2 + x^4' --condition lsmooth --domain sublevel:2",
      'gensmooth check builtin:phase-retrieval --condition l0l1:L1=1 --domain trajectory:nsgd:gamma=0.01,batch=64 --iters 200',
      "gensmooth check 'expr:x^4' --condition l0l1:L0=1,L1=1 --at 2",
      "gensmooth check 'expr:exp(x)' --condition l0l1:L0=0,L1=1 --json",
      'gensmooth check builtin:poly-quartic --condition gpl:mu=0.1,rho=3',
    ],
  },
  estimator: {
    usage: [
      'estimator OBJECTIVE [--estimator nsgd|insg]... [--beta B] [--batch N] [--batch2 N]',
      '                    [--at X1,X2,...] [--box LO:HI] [--budget N] [--resolution R] [--alpha A] [--seed S] [--json]',
    ],
    summary: 'Monte-Carlo test of "E[estimator] = c·∇F, c > 0" at a point (I-NSGD eq. 12)',
    about:
      "NSGD's g_B/‖g_B‖^β against I-NSG's g_B/‖g_B'‖^β: Hotelling's T² on the components orthogonal to ∇F,\n" +
      'with a sample that grows until the answer is decisive or the budget ends. The objective needs a\n' +
      'finite-sum structure. Exit 1 when an estimator is biased.',
    flags: [
      ['--estimator nsgd|insg', 'which estimators to test (repeatable)', 'both'],
      ['--beta B', 'the normalisation exponent, in (0, 2]', '1'],
      ['--batch N', 'mini-batch size of g_B', '1'],
      ['--batch2 N', "size of the independent batch B' (insg)", 'the --batch value'],
      ['--at X1,X2,...', 'the point', "the objective's start, else drawn in the box"],
      ['--box LO:HI', 'where the point is drawn when there is no start', '-3:3'],
      ['--budget N', 'largest number of draws', '1000000'],
      ['--resolution R', 'relative orthogonal bias below which the estimator counts as unbiased', '0.01'],
      ['--alpha A', 'significance level of the test, in (0, 1)', '0.0001'],
      SEED,
      JSON_FLAG,
    ],
    examples: ['gensmooth estimator builtin:nsgd-bias-example --beta 1'],
  },
  optimize: {
    usage: [
      'optimize OBJECTIVE --method SPEC [--iters N] [--x0 X1,...] [--record-every K] [--fstar F]',
      '                   [--box LO:HI] [--seed S] [--json] [--out DIR]',
    ],
    summary: 'one run of one method (gensmooth list shows the methods)',
    flags: [
      ['--method SPEC', 'NAME or NAME:k=v,k=v', 'required'],
      ['--iters N', 'iterations', '1000'],
      ['--x0 X1,X2,...', 'the starting point', "the objective's start, else drawn in the box"],
      ['--record-every K', 'record f and ‖∇f‖ every K iterations (and at the last)', 'about 1000 records'],
      ['--fstar F', 'the infimum, for f − f* in the trace and the report', "the objective's own"],
      ['--box LO:HI', 'where the start is drawn when there is none', '-3:3'],
      SEED,
      JSON_FLAG,
      ['--out DIR', 'write the run as a report (trace plot, JSON, Markdown, HTML)', 'none'],
    ],
    examples: [
      'gensmooth optimize builtin:phase-retrieval --method clipped-gd:gamma=0.1,clip=1 --iters 500',
      "gensmooth optimize 'expr:x1^4 + x2^2' --method ngd:gamma=0.05 --x0 1,1 --json",
    ],
  },
  rate: {
    usage: [
      'rate OBJECTIVE --method SPEC [--eps HI:LO:K] [--max-iters N] [--fstar F] [--x0 X1,...]',
      '               [--theorem ngd-gpl:mu=M,rho=R,L0=A,L1=B] [--seed S] [--json]',
      'rate OBJECTIVE --method insgd:... --theorem insgd-samples[:gammaMax=G,maxT=T] [--eps HI:LO:K]',
      'rate OBJECTIVE --method ggnc:... --theorem ggnc-n:L0=A,L1=B [--horizons 256,1024,...]',
    ],
    summary: 'iterations T(ε) to reach f − f* ≤ ε and the fitted exponent, beside the theorems',
    about:
      'The fitted exponent of T ∝ ε^(−p) with a 95 % interval and the tail regime; with --theorem ngd-gpl\n' +
      "the I-NSGD Theorem 1 step γ(ε) and its predictions, with insgd-samples I-NSGD's sample complexity\n" +
      'against O(ε⁻⁴), with ggnc-n generalised clipping with momentum against n^(−1/4).',
    flags: [
      ['--method SPEC', 'NAME or NAME:k=v,k=v', 'required'],
      ['--eps HI:LO:K', 'K log-spaced targets from HI down to LO (3 ≤ K ≤ 100)', '0.01:0.00001:7'],
      ['--max-iters N', 'iteration cap per target', '1000000'],
      ['--fstar F', 'the infimum', "the objective's own (required when it has none)"],
      ['--x0 X1,X2,...', 'the starting point', "the objective's start, else drawn from the seed"],
      ['--theorem SPEC', 'ngd-gpl:mu,rho,L0,L1 | insgd-samples:gammaMax=1,maxT=262144 | ggnc-n:L0,L1', 'none'],
      ['--horizons N,N,...', 'run lengths n for ggnc-n', '256,1024,4096,16384'],
      SEED,
      JSON_FLAG,
    ],
    examples: [
      "gensmooth rate 'expr:abs(x)^4' --method ngd:gamma=1,beta=0.5 --fstar 0 --x0 1 --eps 1e-4:1e-7:7",
      "gensmooth rate 'expr:x^2' --method gd:gamma=0.1 --fstar 0 --x0 2",
    ],
  },
  escape: {
    usage: [
      'escape OBJECTIVE --method SPEC [--dims 2,10,100,1000] [--runs N] [--radius R] [--max-iters N] [--seed S] [--json]',
      'escape OBJECTIVE --at X1,X2,... [--seed S] [--json]',
      'escape OBJECTIVE --avoid --method SPEC --saddle X1,... [--runs N] [--iters N] [--box LO:HI] [--seed S] [--json]',
    ],
    summary: 'saddle escape: time against ln d, the strict-saddle test at a point, saddle avoidance',
    about:
      'With --method alone: the median escape time from the saddle against ln d, for a built-in with a d\n' +
      'parameter (builtin:quartic-saddle), beside the predicted slope 1/(2 ln(1 + η|λmin|)). With --at: ‖∇f‖\n' +
      'and λmin by Lanczos (with its residual) and a Dimer estimate. With --avoid: how many random starts\n' +
      "end at the saddle, and the singular values of the update map's Jacobian.",
    flags: [
      ['--method SPEC', 'NAME or NAME:k=v,k=v', 'required (except with --at)'],
      ['--dims D,D,...', 'dimensions d of the built-in', '2,10,100,1000'],
      ['--runs N', 'runs per dimension (with --avoid: random starts)', '15 (with --avoid: 40)'],
      ['--radius R', 'escaped once ‖x − saddle‖ exceeds R', '0.5'],
      ['--max-iters N', 'iteration cap per run', '10000'],
      ['--at X1,X2,...', 'the strict-saddle test at this point', 'none'],
      ['--avoid', 'saddle avoidance from random starts (needs --saddle)', 'off'],
      ['--saddle X1,X2,...', 'the saddle point (with --avoid)', 'none'],
      ['--iters N', 'iterations per start (with --avoid)', '2000'],
      ['--box LO:HI', 'where the starts are drawn (with --avoid)', '-3:3'],
      SEED,
      JSON_FLAG,
    ],
    examples: [
      'gensmooth escape builtin:quartic-saddle --method pgd:gamma=0.1,r=0.001,gthres=0.0001,tthres=1000 --dims 2,10,100',
      'gensmooth escape builtin:quartic-saddle --at 0,0',
    ],
  },
  report: {
    usage: [
      'report OBJECTIVE --out DIR [--condition SPEC]... [--method SPEC] [--iters N] [--box LO:HI | --domain SPEC]',
      '                 [--fstar F] [--xstar X1,...] [--seed S] [--samples N] [--time-limit SECONDS] [--strict]',
      '                 [--no-verify] [--workers N] [--json]',
    ],
    summary: 'the assumption report: every condition estimated, the claims checked, a short optimizer run',
    about:
      'Writes report.json, report.md, report.html and one .svg per plot into DIR, atomically (all of it or\n' +
      'nothing). Exit status as for check.',
    flags: [
      ['--out DIR', 'where the report goes', 'required'],
      ['--condition SPEC', 'claims checked beside the estimates (repeatable)', 'none'],
      ['--method SPEC', 'the optimizer run', 'the (L0, L1) step from the estimated frontier'],
      ['--iters N', 'iterations of the run (and of a trajectory domain)', '200'],
      BOX,
      DOMAIN,
      ...DOMAIN_ARGS,
      ['--fstar F', 'the known infimum f*', 'estimated where needed'],
      ['--xstar X1,X2,...', 'a known minimiser (aiming)', "the objective's own, else none"],
      SEED,
      ['--samples N', 'sampled points (or pairs) per condition', '2000'],
      TIME_LIMIT,
      WORKERS,
      STRICT,
      NO_VERIFY,
      ['--json', 'the report model as JSON on stdout', 'off'],
    ],
    examples: [
      'gensmooth report builtin:poly-quartic --condition l0l1:L0=4,L1=3 --out out',
      "gensmooth report 'expr:exp(x)' --condition l0l1-alpha:L0=0,L1=1 --out out-exp",
    ],
  },
  experiment: {
    usage: ['experiment NAME --out DIR [--seed S] [--quick] [--json]', 'experiment --list'],
    summary: 'a published experiment, reproduced, with its setting beside what was observed',
    flags: [
      ['--out DIR', 'where the experiment report goes', 'required'],
      SEED,
      ['--quick', 'a smaller run of the same experiment (for tests)', 'off'],
      ['--json', 'the report model as JSON on stdout', 'off'],
      ['--list', 'the experiments, one a line', 'off'],
    ],
    examples: ['gensmooth experiment --list', 'gensmooth experiment insgd-phase-retrieval --out out-pr'],
  },
  compare: {
    usage: [
      'compare OBJECTIVE --method SPEC --method SPEC ... [--seeds 1..9] [--budget N] [--record-every K]',
      '                  [--checkpoints C1,C2,...] [--target F] [--logy] [--json] [--out DIR]',
      'compare --from DIR [--out DIR2] [--logy]',
    ],
    summary: 'several methods × seeds to one budget of per-sample gradients: a table and one plot with bands',
    about:
      'Per method: the value at the checkpoints and the samples to a target, each as a median over seeds with an\n' +
      'order-statistic interval, and the wall time. {seed} in OBJECTIVE makes the seed a data seed. --from\n' +
      're-plots a saved comparison without running it again.',
    flags: [
      ['--method SPEC', 'a method (repeatable, at least two)', 'required'],
      ['--seeds A..B|A,B,...', 'the seeds (runs per method)', '1'],
      ['--budget N', 'per-sample gradients per run (a full gradient counts n)', '10·n, or 1000 iterations'],
      ['--record-every K', 'record every K iterations', '1'],
      ['--checkpoints C1,...', 'sample counts the table reports', '¼, ½, ¾ and all of the budget'],
      ['--target F', 'the value whose first crossing is counted', 'per seed, the median of the best values'],
      ['--logy', 'a logarithmic value axis', 'off'],
      JSON_FLAG,
      ['--out DIR', 'write report.json, report.md and comparison.svg', 'none'],
      ['--from DIR', 'the saved comparison to re-plot', 'none'],
    ],
    examples: [
      "gensmooth compare 'builtin:phase-retrieval?d=20&m=300&seed={seed}' --method sgd:gamma=0.0001,batch=16 --method nsgd:gamma=0.05,batch=16 --seeds 1..3 --budget 6000",
    ],
  },
  fit: {
    usage: ['fit FILE [--condition SPEC]... [--fstar F] [--seed S] [--bootstrap N] [--json] [--out DIR]'],
    summary: 'conditions estimated and claims judged exactly over the rows of measurements taken elsewhere',
    about:
      'FILE is a CSV with a header or a JSON array of rows, with columns step, loss, loss_gap, grad_norm,\n' +
      'hess_norm (or hess_norm_lower), local_smoothness (docs/fit.md, with the PyTorch lines that write it).\n' +
      'Claims name their violating rows; estimates come with bootstrap intervals over the rows.',
    flags: [
      [
        '--condition SPEC',
        'lsmooth, l0l1, l0l1-alpha, curvature-gap or gpl (repeatable)',
        'every one the columns determine',
      ],
      ['--fstar F', 'f*, for the gap conditions without a loss_gap column', 'none'],
      ['--seed S', "the bootstrap's seed", '1'],
      ['--bootstrap N', 'resamples of the rows (0: none)', '1000'],
      JSON_FLAG,
      ['--out DIR', 'write the report (report.json, .md, .html, one plot per condition)', 'none'],
    ],
    examples: ['gensmooth fit measurements.csv --condition l0l1-alpha:L1=1', 'gensmooth fit run.json --fstar 0 --json'],
  },
  spectrum: {
    usage: [
      'spectrum OBJECTIVE [--at X1,... | X] [--seed S] [--probes N] [--runs R] [--steps M] [--sigma S] [--json] [--out DIR]',
    ],
    summary: 'the curvature at a point: λmax and λmin (Lanczos), the trace (Hutchinson), the eigenvalue density (SLQ)',
    flags: [
      ['--at X1,...', 'the point (one number: that value in every coordinate)', "the objective's start"],
      SEED,
      ['--probes N', 'Rademacher probes of the trace', '100'],
      ['--runs R', 'stochastic Lanczos quadrature runs', '4'],
      ['--steps M', 'Lanczos steps per quadrature run', '64'],
      ['--sigma S', 'standard deviation of the Gaussian broadening', '1 % of the spectrum span'],
      JSON_FLAG,
      ['--out DIR', 'write report.json, report.md, report.html and density.svg', 'none'],
    ],
    examples: ['gensmooth spectrum builtin:quartic-saddle --at 0', 'gensmooth spectrum builtin:mlp --json'],
  },
};

const OBJECTIVE_NOTE = `OBJECTIVE is builtin:NAME[?k=v&...], expr:EXPRESSION (variables x, or x1..xn), or a .ts/.js/.mjs
module whose default export is { dim, value(x), grad(x, out), hvp? }.
SPEC is NAME or NAME:k=v,k=v (e.g. l0l1:L0=4,L1=3); gensmooth list shows every name and parameter.`;

const EXIT_NOTE =
  'Exit status: 0 claims hold (or estimates only), 1 a claim fails, 2 usage error, 3 the objective failed,\n' +
  '5 a claim is inconclusive (time limit, or a Hessian-norm interval that straddles it), 4 internal error.';

/** A usage line; continuation lines (starting with spaces) align under the command. */
const usageLine = (u: string) => `  ${u.startsWith(' ') ? ' '.repeat('gensmooth '.length) : 'gensmooth '}${u}`;

/** `gensmooth COMMAND --help`. */
export function commandHelp(name: string): string {
  const h = COMMAND_HELP[name];
  const lines = ['Usage:', ...h.usage.map(usageLine), '', h.summary[0].toUpperCase() + h.summary.slice(1) + '.'];
  if (h.about) lines.push(h.about);
  if (h.flags.length > 0) {
    const w = Math.max(...h.flags.map((f) => f[0].length));
    lines.push('', 'Options:');
    for (const [flag, meaning, def] of h.flags)
      lines.push(`  ${flag.padEnd(w)}  ${meaning}${def ? ` [default: ${def}]` : ''}`);
  }
  lines.push('', h.examples.length > 1 ? 'Examples:' : 'Example:', ...h.examples.map((e) => `  ${e}`));
  if (name !== 'list' && name !== 'experiment') lines.push('', OBJECTIVE_NOTE);
  lines.push('', EXIT_NOTE);
  return lines.join('\n') + '\n';
}

/** `gensmooth --help`: every command with its usage and one line on what it does. */
export function mainHelp(): string {
  const lines = [
    'gensmooth: executable checks for generalized-smooth nonconvex optimization',
    '',
    'Usage: gensmooth COMMAND [ARGUMENTS]   (gensmooth COMMAND --help shows its options, defaults and examples)',
    '',
    'Commands:',
  ];
  for (const [name, h] of Object.entries(COMMAND_HELP)) {
    lines.push(`  ${name.padEnd(11)} ${h.summary}`);
    for (const u of h.usage) lines.push(`    ${usageLine(u)}`);
  }
  lines.push('', '  gensmooth --version     the version', '', OBJECTIVE_NOTE, '', EXIT_NOTE);
  return lines.join('\n') + '\n';
}
