#!/usr/bin/env node
/**
 * The `spog` command line: validate, status, drift, detect, build.
 * Results go to stdout, progress and errors to stderr.
 */
import { runCli } from '../src/cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2));
