// Value-based redaction: every configured secret is replaced wherever it stands whole in a log line or an
// error message, whatever field carries it (pino's path-based redact cannot know where a secret lands).
// "Whole": a secret whose first (last) character is a letter, digit or underscore is not redacted when
// another such character comes right before (after) it, so the password `postgres` leaves `postgresql`
// alone instead of turning it into `[REDACTED]ql` (which would reveal the secret by its absence).
// Log lines are JSON: only what lies inside string tokens is replaced (decoded, redacted, encoded again),
// and a secret found outside strings becomes the string "[REDACTED]", so every line stays valid JSON
// whatever the secret holds (`,`, `"`, `\`).
// Secrets shorter than MIN_SECRET_LENGTH are refused by the configuration (check-env and run say so):
// a short value occurs by chance in ordinary text and cannot be told apart from it.
// Secrets learned at run time (the OAuth client secret of the hybrid_integration transaction, read from
// the Config DB or from EXCS) are added with `add`, and from then on redacted too.

export const REDACTED = '[REDACTED]';

/** The shortest secret the configuration accepts (docs/security.md). */
export const MIN_SECRET_LENGTH = 8;

export interface Redactor {
  /** Plain text (an error message, a problem line). */
  (text: string): string;
  /** One serialized JSON log line; stays valid JSON. */
  line(json: string): string;
  add(secret: string | undefined): void;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = /[\p{L}\p{N}_]/u;
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g;
const LITERAL = /[^\s,:{}[\]]+/g;

function formsOf(s: string): string[] {
  return [
    s,
    JSON.stringify(s).slice(1, -1), // as it appears inside JSON text carried in a string
    encodeURIComponent(s), // as it appears in a URL or form body
    Buffer.from(s).toString('base64'),
  ];
}

/** The pattern of one form, bounded where its edge is a word character. */
function wholePattern(form: string): string {
  const before = WORD.test(form[0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD.test(form.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return `${before}${escapeRe(form)}${after}`;
}

interface Patterns {
  /** Any form anywhere: a cheap test before the exact work. */
  any: RegExp;
  whole: RegExp;
}

export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const forms = new Set<string>();
  let p: Patterns | undefined;
  const rebuild = (): void => {
    const list = [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
    p = list.length
      ? {
          any: new RegExp(list.map(escapeRe).join('|'), 'u'),
          whole: new RegExp(list.map(wholePattern).join('|'), 'gu'),
        }
      : undefined;
  };
  const text = (s: string): string => (p && p.any.test(s) ? s.replace(p.whole, REDACTED) : s);
  const token = (tok: string): string => {
    if (!p?.any.test(tok)) return tok;
    let raw: unknown;
    try {
      raw = JSON.parse(tok);
    } catch {
      return tok;
    }
    if (typeof raw !== 'string') return tok;
    const done = text(raw);
    return done === raw ? tok : JSON.stringify(done);
  };
  // Outside strings only literals (numbers, true, false, null) can hold a secret; structure stays.
  const bare = (s: string): string =>
    p && p.any.test(s)
      ? s.replace(LITERAL, (lit) => (text(lit) === lit ? lit : JSON.stringify(REDACTED)))
      : s;
  const redact = text as Redactor;
  redact.line = (json) => {
    if (!p?.any.test(json)) return json;
    let out = '';
    let last = 0;
    for (const m of json.matchAll(STRING_TOKEN)) {
      out += bare(json.slice(last, m.index)) + token(m[0]);
      last = m.index + m[0].length;
    }
    return out + bare(json.slice(last));
  };
  redact.add = (secret) => {
    if (!secret) return;
    const before = forms.size;
    for (const f of formsOf(secret)) forms.add(f);
    if (forms.size !== before) rebuild();
  };
  for (const s of secrets) redact.add(s);
  return redact;
}
