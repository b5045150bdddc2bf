// The exec-connector command line. Exit codes: 0 success, 1 user-facing failure (one line on stderr),
// 2 usage error.
import { CommanderError, type Command } from 'commander';
import { ConfigError, errorMessage, UserError } from '../core/errors.ts';
import { registerCommands } from './commands/index.ts';
import { processIo, type CliIo } from './context.ts';
import { newProgram } from './program.ts';

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = newProgram(io);
  registerCommands(program, { io, setExit });
  return program;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 1;
    }
    if (err instanceof UserError) {
      io.err(err.message);
      return 1;
    }
    io.err(`exec-connector: ${errorMessage(err)}`);
    return 1;
  }
}
