// Text from outside (Engage object names, log lines) printed on a terminal: control characters, C1 codes,
// bidirectional overrides and line separators are shown as \uXXXX escapes, so that a name cannot move the
// cursor, recolour the terminal, hide text or forge an extra line. In JSON text the escapes are valid
// JSON escapes (such characters only occur inside strings there), so JSON output stays JSON. Pure.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line for a terminal: every unsafe character escaped (a tab too; a newline too). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}
