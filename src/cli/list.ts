import { CONDITIONS } from '../conditions/registry.ts';
import { BUILTINS } from '../objectives/registry.ts';
import { parse } from './args.ts';
import { METHODS } from '../optim/methods.ts';

export async function cmdList(argv: string[]): Promise<number> {
  parse(argv, {}, 'list');
  const out: string[] = [];
  for (const b of BUILTINS) {
    const ps = b.params.map((p) => `${p.name}=${p.default}`).join(' ');
    out.push(`builtin ${b.name}${ps ? ` ${ps}` : ''}: ${b.doc}`);
  }
  for (const c of CONDITIONS) {
    const ps = c.params
      .map((p) =>
        p.choices ? `${p.name}=${p.choices.join('|')}` : p.default !== undefined ? `${p.name}=${p.default}` : p.name,
      )
      .join(' ');
    out.push(
      `condition ${c.name} ${ps}: ${c.inequality}${c.needsXstar ? ' (needs --xstar)' : ''}${c.requires ? ` (needs ${c.requires.join(', ')})` : ''}`,
    );
  }
  for (const m of METHODS) {
    const ps = m.params
      .map((p) =>
        p.choices ? `${p.name}=${p.choices.join('|')}` : p.default !== undefined ? `${p.name}=${p.default}` : p.name,
      )
      .join(' ');
    out.push(`method ${m.name} ${ps}: ${m.update}${m.stochastic ? ' (stochastic: needs a finite sum)' : ''}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
