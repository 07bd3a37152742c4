#!/usr/bin/env node
/**
 * The `spog` command line: validate, status, drift, detect, build, and the git workflow
 * (log, log-features, promote, retire, set-lifecycle, diff, audit, codeowners, alerts).
 * Results go to stdout, progress and errors to stderr.
 */
import { runCli } from '../src/cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2));
