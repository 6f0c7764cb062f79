#!/usr/bin/env node
// The gensmooth command. TypeScript sources run through tsx's loader, registered
// here so that user modules written in TypeScript load the same way.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
