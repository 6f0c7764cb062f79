/**
 * The gensmooth command line (contract.md). Each command lives in its own file;
 * this one dispatches and maps errors to exit codes: usage 2, objective 3, and 4
 * for an internal error (a bug: reported in one line, never a stack trace unless
 * GENSMOOTH_DEBUG is set).
 */
import { ObjectiveError, UsageError } from '../errors.ts';
import { cmdCheck } from './check.ts';
import { cmdEstimator, ESTIMATOR_HELP } from './estimator.ts';
import { cmdList } from './list.ts';
import { cmdOptimize, OPTIMIZE_HELP } from './optimize.ts';
import { cmdRate, RATE_HELP } from './rate.ts';
import { cmdEscape, ESCAPE_HELP } from './escape.ts';
import { cmdReport, REPORT_HELP } from './report.ts';
import { cmdExperiment, EXPERIMENT_HELP } from './experiment.ts';
import { cmdCompare, COMPARE_HELP } from './compare.ts';
import { cmdVerify } from './verify.ts';
import { cmdFit, FIT_HELP } from './fit.ts';
import { cmdSpectrum, SPECTRUM_HELP } from './spectrum.ts';

export const HELP = `gensmooth: executable checks for generalized-smooth nonconvex optimization

Usage:
  gensmooth list                                   built-ins, conditions and methods, with parameters
  gensmooth verify OBJECTIVE [--seed S] [--box LO:HI] [--json]
                                                   the objective's gradient and HVP against finite differences
  gensmooth check OBJECTIVE [--condition SPEC]... [--box LO:HI] [--fstar F] [--xstar X1,X2,...]
                            [--seed S] [--samples N] [--time-limit SECONDS] [--json] [--out DIR]
                                                   verdicts on claimed constants, or estimates of the tightest ones
${ESTIMATOR_HELP}
${OPTIMIZE_HELP}
${RATE_HELP}
${ESCAPE_HELP}
${REPORT_HELP}
${EXPERIMENT_HELP}
${COMPARE_HELP}
${FIT_HELP}
${SPECTRUM_HELP}

OBJECTIVE is builtin:NAME[?k=v&...], expr:EXPRESSION (variables x or x1..xn), or a .ts/.js/.mjs module.
SPEC is NAME or NAME:k=v,k=v (e.g. l0l1:L0=4,L1=3).

Exit status: 0 all claims hold (or estimates only), 1 a claim fails, 2 usage error, 3 the objective failed, 4 internal error.
`;

type Command = (argv: string[]) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  list: cmdList,
  verify: cmdVerify,
  check: cmdCheck,
  estimator: cmdEstimator,
  optimize: cmdOptimize,
  rate: cmdRate,
  escape: cmdEscape,
  report: cmdReport,
  experiment: cmdExperiment,
  compare: cmdCompare,
  fit: cmdFit,
  spectrum: cmdSpectrum,
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version') {
      process.stdout.write('gensmooth 0.1.0\n');
      return 0;
    }
    const run = COMMANDS[cmd];
    if (!run)
      throw new UsageError(
        `unknown command "${cmd}" (commands: ${Object.keys(COMMANDS).join(', ')}; see gensmooth --help)`,
      );
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ObjectiveError) {
      process.stderr.write(`gensmooth: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`gensmooth: internal error: ${msg}\n`);
    if (process.env.GENSMOOTH_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 4;
  }
}
