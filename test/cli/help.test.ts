/** Help on every command: the texts of src/cli/help.ts, served by main.ts before any command parses. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_HELP, commandHelp, mainHelp } from '../../src/cli/help.ts';
import { COMMANDS, main } from '../../src/cli/main.ts';
import { BIN } from '../bin.ts';

// Every option table a command hands to the shared parser, by command name.
const seen = vi.hoisted(() => new Map<string, Record<string, { type: string }>>());
vi.mock('../../src/cli/args.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cli/args.ts')>();
  return {
    ...real,
    parse: (argv: string[], options: Record<string, { type: 'string' | 'boolean' }>, command: string) => {
      seen.set(command, options);
      return real.parse(argv, options, command);
    },
  };
});

const ROOT = join(__dirname, '..', '..');
const NAMES = Object.keys(COMMANDS);

let out = '',
  err = '';
beforeEach(() => {
  out = err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

/** A help entry's flags: name → whether it takes a value ("--box LO:HI" does, "--json" does not). */
const helpFlags = (cmd: string) =>
  new Map(COMMAND_HELP[cmd].flags.map(([f]) => [f.split(' ')[0].slice(2), f.includes(' ')] as const));

describe('gensmooth COMMAND --help', () => {
  it('there is one help entry per command, and no other', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)(
    '%s: --help, -h and `help %s` print usage, options with defaults and an example; exit 0',
    async (cmd) => {
      for (const argv of [
        [cmd, '--help'],
        [cmd, '-h'],
        ['help', cmd],
        [cmd, 'builtin:nope', '--frob', '--help'],
      ]) {
        out = err = '';
        expect(await main(argv)).toBe(0);
        expect(err).toBe('');
        expect(out).toBe(commandHelp(cmd));
      }
      expect(out).toMatch(new RegExp(`^Usage:\\n  gensmooth ${cmd}`));
      expect(out).toMatch(/\nExamples?:\n {2}gensmooth /);
      for (const [flag, , def] of COMMAND_HELP[cmd].flags) {
        expect(out).toContain(flag);
        expect(def, `${cmd} ${flag} states its default`).not.toBe('');
      }
    },
  );

  it('after `--`, --help is an argument, not a request for help', async () => {
    expect(await main(['verify', '--', '--help'])).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^gensmooth: cannot read objective "--help"/);
  });

  it.each(NAMES)('%s: the flags listed are exactly the flags the command accepts, with the same arity', async (cmd) => {
    seen.clear();
    // No positional argument: every command parses its options first, then stops at a usage error
    // (list has no positional and just lists).
    await main([cmd]);
    const accepted = seen.get(cmd);
    expect(accepted, `${cmd} parses its options through args.ts`).toBeDefined();
    const listed = helpFlags(cmd);
    expect([...listed.keys()].sort()).toEqual(Object.keys(accepted!).sort());
    for (const [name, takesValue] of listed)
      expect(takesValue, `--${name}: value placeholder in help vs parser type`).toBe(accepted![name].type === 'string');
  });

  it('gensmooth --help lists every command with its usage; gensmooth alone prints it on stderr with exit 2', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      out = '';
      expect(await main(argv)).toBe(0);
      expect(out).toBe(mainHelp());
    }
    for (const cmd of NAMES) {
      expect(out).toContain(`\n  ${cmd.padEnd(11)} ${COMMAND_HELP[cmd].summary}\n`);
      for (const u of COMMAND_HELP[cmd].usage) if (!u.startsWith(' ')) expect(out).toContain(`gensmooth ${u}\n`);
    }
    out = '';
    expect(await main([])).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(mainHelp());
  });

  it('an unknown command, or help for one, is a usage error naming the commands', async () => {
    for (const argv of [['frob'], ['help', 'frob'], ['constructor'], ['help', '__proto__']]) {
      err = '';
      expect(await main(argv)).toBe(2);
      expect(err).toMatch(/^gensmooth: unknown command ".*" \(commands: list, verify, check, /);
    }
  });

  it('an unknown flag points at the command’s own help', async () => {
    expect(await main(['verify', 'expr:x^2', '--frob'])).toBe(2);
    expect(err).toBe("gensmooth: verify: Unknown option '--frob' (see gensmooth verify --help)\n");
  });
});

describe('the installed command', () => {
  it('check --help and --version through bin/gensmooth.mjs: exit 0, stdout only', () => {
    const h = spawnSync(process.execPath, [BIN, 'check', '--help'], { encoding: 'utf8' });
    expect(h.status).toBe(0);
    expect(h.stderr).toBe('');
    expect(h.stdout).toBe(commandHelp('check'));
    const v = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`gensmooth ${pkg.version}\n`);
  });
});
