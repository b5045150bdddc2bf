import { Command } from 'commander';
import type { CliIo } from './context.ts';
import { VERSION } from './version.ts';

/** The bare exec-connector program: name, version, and errors thrown instead of exiting. */
export function newProgram(io: CliIo): Command {
  return new Command('exec-connector')
    .description(
      'EX Engage Connector: mirrors a Genesys Engage contact center into a Genesys Cloud EX Organization',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run exec-connector --help for the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });
}
