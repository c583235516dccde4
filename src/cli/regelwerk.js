#!/usr/bin/env node
// The `regelwerk` command: a thin shell over the TypeScript core, run through tsx so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main, nodeIo } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), nodeIo());
