// Typed errors that carry what an operator needs to fix the problem. Logged once, where handled.

/** Bad configuration: one entry per problem, each starting with the variable's name. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n${problems.join('\n')}` : message);
  }
}

/** A user-facing failure of a CLI command: printed as one line, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
