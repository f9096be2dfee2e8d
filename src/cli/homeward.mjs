#!/usr/bin/env node
// The `homeward` command. Loads the TypeScript sources through tsx so the CLI
// always runs the code in this checkout, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
