// Value-based redaction: every configured secret is replaced wherever it appears in a log line or an
// error message, whatever field carries it (pino's path-based redact cannot know where a secret lands).

export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRedactor(secrets: Iterable<string>): Redactor {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1)); // as it appears inside a JSON string
    forms.add(encodeURIComponent(s)); // as it appears in a URL or form body
    forms.add(Buffer.from(s).toString('base64'));
  }
  const list = [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (t) => t;
  const re = new RegExp(list.map(escapeRe).join('|'), 'g');
  return (text) => text.replace(re, REDACTED);
}
