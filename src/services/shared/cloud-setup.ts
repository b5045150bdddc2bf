// How a service gets its Genesys Cloud client, the same for every service: the URLs from the
// `general` section of the hybrid_integration transaction, the OAuth client from the service's own section
// (EXCS reads them from the Config DB, EXAS and EXCP get them from EXCS), the EXEC_GC_* variables winning
// over both; the client secret, which the environment did not name, is redacted from then on.
import type { Registry } from 'prom-client';
import {
  createCloudClient,
  resolveCloudUrls,
  type CloudClient,
  type CloudClientOptions,
  type ResolvedCloud,
} from '../../cloud/index.ts';
import type { GcOverrides } from '../../core/config/service-config.ts';
import { addSecret, type Logger } from '../../core/logger.ts';

/** A transaction section as read from the Config DB or served by EXCS (`key → value`). */
export type SettingsSection = Readonly<Record<string, unknown>>;

/** What the client options may tune beyond where the cloud is and who logs in. */
export type CloudTuning = Omit<
  CloudClientOptions,
  'apiUrl' | 'authUrl' | 'clientId' | 'clientSecret' | 'logger' | 'registry'
>;

const text = (s: SettingsSection, key: string): string | undefined =>
  typeof s[key] === 'string' && s[key] !== '' ? s[key] : undefined;

/** EXEC_GC_* as the environment overrides `resolveCloudUrls` reads. */
function overridesOf(gc: GcOverrides): NodeJS.ProcessEnv {
  return {
    ...(gc.apiUrl ? { EXEC_GC_API_URL: gc.apiUrl } : {}),
    ...(gc.authUrl ? { EXEC_GC_AUTH_URL: gc.authUrl } : {}),
    ...(gc.clientId ? { EXEC_GC_CLIENT_ID: gc.clientId } : {}),
    ...(gc.clientSecret ? { EXEC_GC_CLIENT_SECRET: gc.clientSecret } : {}),
  };
}

/** True when EXEC_GC_* alone say where to go and who logs in (no transaction needed). */
export function overridesComplete(gc: GcOverrides): boolean {
  return Boolean(gc.apiUrl && gc.clientId && gc.clientSecret);
}

/**
 * The cloud settings of one service: `general/region|base_service_url|base_auth_url` and the service
 * section's `client_id|client_secret`, under EXEC_GC_*. Throws a ConfigError naming what is missing.
 */
export function serviceCloudSettings(
  general: SettingsSection,
  own: SettingsSection,
  gc: GcOverrides,
): ResolvedCloud {
  return resolveCloudUrls(
    {
      region: text(general, 'region'),
      baseServiceUrl: text(general, 'base_service_url'),
      baseAuthUrl: text(general, 'base_auth_url'),
      clientId: text(own, 'client_id'),
      clientSecret: text(own, 'client_secret'),
    },
    overridesOf(gc),
  );
}

/** The client for resolved settings; the client secret is redacted from `logger`'s lines from now on. */
export function openServiceCloud(
  settings: ResolvedCloud,
  deps: { logger: Logger; registry?: Registry },
  tuning: CloudTuning = {},
): CloudClient {
  addSecret(deps.logger, settings.clientSecret);
  return createCloudClient({
    ...tuning,
    ...settings,
    logger: deps.logger,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
}
