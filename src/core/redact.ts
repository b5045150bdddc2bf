// Value-based redaction: every configured secret is replaced wherever it appears in a log line or an
// error message, whatever field carries it (pino's path-based redact cannot know where a secret lands).
// Secrets learned at run time (the OAuth client secret of the hybrid_integration transaction, read from
// the Config DB or from EXCS) are added with `add`, and from then on redacted too.

export const REDACTED = '[REDACTED]';

export interface Redactor {
  (text: string): string;
  add(secret: string | undefined): void;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function formsOf(s: string): string[] {
  return [
    s,
    JSON.stringify(s).slice(1, -1), // as it appears inside a JSON string
    encodeURIComponent(s), // as it appears in a URL or form body
    Buffer.from(s).toString('base64'),
  ];
}

export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const forms = new Set<string>();
  let re: RegExp | undefined;
  const rebuild = (): void => {
    const list = [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
    re = list.length ? new RegExp(list.map(escapeRe).join('|'), 'g') : undefined;
  };
  const redact = ((text: string) => (re ? text.replace(re, REDACTED) : text)) as Redactor;
  redact.add = (secret) => {
    if (!secret) return;
    const before = forms.size;
    for (const f of formsOf(secret)) forms.add(f);
    if (forms.size !== before) rebuild();
  };
  for (const s of secrets) redact.add(s);
  return redact;
}
