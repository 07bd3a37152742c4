/** What a workflow command returns: text for stdout and stderr, and the exit code. */
export { UsageError } from '../cli/analyze.ts';

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}
