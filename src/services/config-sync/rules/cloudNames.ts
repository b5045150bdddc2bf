// Names Genesys Cloud will refuse (issue 16): blank ones (the API requires a name, and "  " is none),
// control characters, and names past the length we allow. The public API documents no maximum for skill,
// queue or wrap-up code names (UNCONFIRMED, docs/config-sync.md "Names Genesys Cloud refuses"): we warn
// past 255 characters, the size of Engage's own name columns, and let the cloud decide.

/** Longer names get a warning (UNCONFIRMED limit). */
export const MAX_NAME_CHARS = 255;

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export type NameProblem =
  { severity: 'error'; problem: 'blank' | 'control characters' } | { severity: 'warning'; problem: string };

export function nameProblem(name: string): NameProblem | undefined {
  if (name.trim() === '') return { severity: 'error', problem: 'blank' };
  if (CONTROL.test(name)) return { severity: 'error', problem: 'control characters' };
  if (name.length > MAX_NAME_CHARS)
    return { severity: 'warning', problem: `longer than ${MAX_NAME_CHARS} characters (${name.length})` };
  return undefined;
}

/** Text with its control characters written as \uXXXX escapes: safe for a terminal and a log line. */
export function printable(s: string): string {
  return s.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
