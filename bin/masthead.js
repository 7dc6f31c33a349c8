#!/usr/bin/env node
// The `masthead` command: builds on first use, then runs the compiled CLI.
import { ensureBuilt } from '../scripts/ensure-built.mjs';

ensureBuilt();
const { runCli } = await import('../dist/server/main.js');
process.exitCode = await runCli(process.argv.slice(2));
