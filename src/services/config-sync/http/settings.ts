// What /api/v1/settings/{section} answers (DESIGN §3): the section of the hybrid_integration transaction.
// Secrets (the OAuth client secret, passwords) go only to callers holding EXEC_API_TOKEN: with no token
// configured nobody can prove they hold one, so they are withheld and named in `withheld`
// (docs/security.md). Pure.

const SECRET_KEY = /secret|passw|token|credential|private/i;

export interface SettingsAnswer {
  section: string;
  settings: Record<string, string>;
  /** Keys left out because the caller could not be authenticated. */
  withheld: string[];
}

export function settingsAnswer(
  section: string,
  values: Readonly<Record<string, string>>,
  servesSecrets: boolean,
): SettingsAnswer {
  if (servesSecrets) return { section, settings: { ...values }, withheld: [] };
  const settings: Record<string, string> = {};
  const withheld: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (SECRET_KEY.test(k)) withheld.push(k);
    else settings[k] = v;
  }
  return { section, settings, withheld };
}
