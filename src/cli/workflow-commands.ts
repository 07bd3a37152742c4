/** Git-native workflow commands (log, promote, retire, set-lifecycle, diff, audit, codeowners, alerts). */
import type { Command, Option } from 'commander';
import type { Io } from './main.ts';

export function registerWorkflowCommands(_program: Command, _io: Io, _setExit: (code: number) => void, _registryOption: () => Option): void {}
