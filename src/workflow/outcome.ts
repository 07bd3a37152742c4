/**
 * What a command returns (text for stdout and stderr, and the exit code), and the error for a
 * command called wrongly. Both the CLI (src/cli) and the workflow (src/workflow) use them, so
 * they live here, below both: workflow never imports from cli.
 */

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}
