/**
 * The gensmooth command line (docs/contract.md). Each command lives in its own file;
 * this one dispatches, answers --help (help.ts) and --version for every command
 * before the command parses anything, and maps errors to exit codes: usage 2, objective 3, and 4
 * for an internal error (a bug: reported in one line, never a stack trace unless
 * GENSMOOTH_DEBUG is set).
 */
import { ObjectiveError, UsageError } from '../errors.ts';
import { toolVersion } from '../report/provenance.ts';
import { commandHelp, mainHelp } from './help.ts';

type Command = (argv: string[]) => Promise<number>;
/**
 * Each command's module is imported only when that command runs: start-up pays for
 * one command's code, not for all of them (docs/performance.md, start-up).
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  list: async () => (await import('./list.ts')).cmdList,
  verify: async () => (await import('./verify.ts')).cmdVerify,
  check: async () => (await import('./check.ts')).cmdCheck,
  estimator: async () => (await import('./estimator.ts')).cmdEstimator,
  optimize: async () => (await import('./optimize.ts')).cmdOptimize,
  rate: async () => (await import('./rate.ts')).cmdRate,
  escape: async () => (await import('./escape.ts')).cmdEscape,
  report: async () => (await import('./report.ts')).cmdReport,
  experiment: async () => (await import('./experiment.ts')).cmdExperiment,
  compare: async () => (await import('./compare.ts')).cmdCompare,
  fit: async () => (await import('./fit.ts')).cmdFit,
  spectrum: async () => (await import('./spectrum.ts')).cmdSpectrum,
};

/** --help or -h among a command's arguments (before a `--` that ends the options). */
function asksForHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) {
      process.stderr.write(mainHelp());
      return 2;
    }
    if (cmd === '--help' || cmd === '-h' || (cmd === 'help' && rest.length === 0)) {
      process.stdout.write(mainHelp());
      return 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      process.stdout.write(`gensmooth ${toolVersion()}\n`);
      return 0;
    }
    const name = cmd === 'help' ? rest[0] : cmd;
    const load = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load)
      throw new UsageError(
        `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see gensmooth --help)`,
      );
    if (cmd === 'help' || asksForHelp(rest)) {
      process.stdout.write(commandHelp(name));
      return 0;
    }
    const run = await load();
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
