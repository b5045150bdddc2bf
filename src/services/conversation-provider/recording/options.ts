// The recording options of the hybrid_integration transaction (section conversation_provider, seed 003
// "Configuring hybrid_integration transaction in CME"), as EXCS serves them, validated. Values are
// strings in the Config DB; GIR durations are minutes (fractions allowed, which the tests use).
import { z } from 'zod';
import type { StaOptions } from './decide.ts';

export interface GirSettings {
  ccid: string;
  user: string;
  password: string;
  delayMs: number;
  intervalMs: number;
  durationMs: number;
}

export interface RecordingSettings {
  enabled: boolean;
  sta: StaOptions;
  /** Present when GIR options are complete (used only when EXCP_GIR_HOST is set). */
  gir?: GirSettings;
}

const bool = z.union([z.boolean(), z.string()]).transform((v, c) => {
  const s = String(v).trim().toLowerCase();
  if (['true', '1', 'yes'].includes(s)) return true;
  if (['false', '0', 'no', ''].includes(s)) return false;
  c.addIssue({ code: 'custom', message: 'is not true or false' });
  return z.NEVER;
});
const minutes = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, 'is not a number of minutes'),
  ])
  .transform(Number)
  .refine((n) => n >= 0 && n <= 60 * 24 * 30, 'must be from 0 to 43200 minutes');
const str = z.string().trim().min(1).optional();

const Section = z.looseObject({
  recording_enabled: bool.optional(),
  sta_default_programid: str,
  sta_default_language: str,
  sta_userdata_language_key: str,
  gir_orgId: str,
  gir_user: str,
  gir_password: str,
  gir_metadata_fetch_delay: minutes.optional(),
  gir_metadata_fetch_interval: minutes.optional(),
  gir_metadata_fetch_duration: minutes.optional(),
});

const MIN = 60_000;

/** The section → settings, or the problems (each naming the option). */
export function recordingSettings(
  section: Record<string, unknown>,
): { settings: RecordingSettings; problems: [] } | { settings?: undefined; problems: string[] } {
  const r = Section.safeParse(section);
  if (!r.success)
    return {
      problems: r.error.issues.map((i) => `conversation_provider/${i.path.join('.')}: ${i.message}`),
    };
  const s = r.data;
  const sta: StaOptions = {
    ...(s.sta_default_language ? { defaultLanguage: s.sta_default_language } : {}),
    ...(s.sta_userdata_language_key ? { languageKey: s.sta_userdata_language_key } : {}),
    ...(s.sta_default_programid ? { defaultProgramId: s.sta_default_programid } : {}),
  };
  const gir =
    s.gir_orgId && s.gir_user && s.gir_password
      ? {
          ccid: s.gir_orgId,
          user: s.gir_user,
          password: s.gir_password,
          delayMs: (s.gir_metadata_fetch_delay ?? 10) * MIN,
          intervalMs: Math.max(1000, (s.gir_metadata_fetch_interval ?? 1380) * MIN),
          durationMs: (s.gir_metadata_fetch_duration ?? 1440) * MIN,
        }
      : undefined;
  return { settings: { enabled: s.recording_enabled ?? false, sta, ...(gir ? { gir } : {}) }, problems: [] };
}
