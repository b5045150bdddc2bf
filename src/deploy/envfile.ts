// The deployment .env as text: a strict line check (dotenv silently skips what it cannot read, and a
// skipped line would deploy without its parameter), and the .env each VM gets: the operator's file with
// the secrets that were prompted for or read from `X_FILE` written in (the VMs have no password files).
import { parse as parseDotenv } from 'dotenv';
import { UserError } from '../core/errors.ts';
import type { Problem } from '../core/config/load.ts';

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

/** One problem per line that is neither blank, a comment nor `NAME=value` (quoted values may span lines). */
export function checkEnvLines(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) {
      problems.push({
        variable: `${file}:${i + 1}`,
        message: 'is not NAME=value (expected a parameter, a comment or a blank line)',
      });
      continue;
    }
    const value = (m[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) === -1) {
      // A quoted value continues until its closing quote.
      let j = i + 1;
      while (j < lines.length && !(lines[j] as string).includes(quote)) j++;
      if (j >= lines.length) {
        problems.push({ variable: `${file}:${i + 1}`, message: `the value's ${quote} is never closed` });
        return problems;
      }
      i = j;
    }
  }
  return problems;
}

export function parseEnvText(text: string): Record<string, string> {
  return parseDotenv(text);
}

/** Names assigned on each line of the text (the key of `NAME=value`), for dropping lines. */
function lineKey(line: string): string | undefined {
  return ASSIGNMENT.exec(line)?.[1];
}

function quoteValue(name: string, value: string): string {
  // Single quotes are literal for docker compose and dotenv alike: no `$` interpolation, no escapes.
  if (value.includes("'") || /[\r\n]/.test(value))
    throw new UserError(
      `${name}: the value holds a single quote or a line break, which a .env cannot carry literally (choose another)`,
    );
  return `'${value}'`;
}

/**
 * The .env for the VMs: `text` without the lines of `drop` (the `X_FILE` lines and any `X` given
 * again), then `secrets` as `X='value'`, in the order given. Deterministic, so that `update` finds no
 * difference when nothing changed.
 */
export function renderRemoteEnv(text: string, secrets: [string, string][], drop: readonly string[]): string {
  const dropped = new Set(drop);
  const kept = text
    .split(/\r?\n/)
    .filter((line) => {
      const key = lineKey(line);
      return key === undefined || !dropped.has(key);
    })
    .join('\n')
    .replace(/\n*$/, '\n');
  if (secrets.length === 0) return kept;
  const block = secrets.map(([k, v]) => `${k}=${quoteValue(k, v)}`).join('\n');
  return `${kept}\n# Written by exec-connector init/update (prompted or read from *_FILE on the bootstrap VM)\n${block}\n`;
}
