// Where the client connects: a Genesys Cloud region, the hybrid_integration transaction's URLs, or any
// base URL (the lab emulator), with the pinned EXEC_GC_* environment overrides taking precedence.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';

/** Region → environment domain, as the official SDK's PureCloudRegionHosts lists them. */
export const REGION_HOSTS: Readonly<Record<string, string>> = Object.freeze({
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
});

export interface CloudSettingsInput {
  /** `general/region`: a region name (`eu_west_1`), an environment domain (`mypurecloud.ie`) or a URL. */
  region?: string | undefined;
  /** `general/base_service_url`. */
  baseServiceUrl?: string | undefined;
  /** `general/base_auth_url`. */
  baseAuthUrl?: string | undefined;
  /** `<section>/client_id` of the service's transaction section. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export interface ResolvedCloud {
  apiUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
}

const stripSlash = (u: string): string => u.replace(/\/+$/, '');

/** `eu_west_1`, `mypurecloud.ie`, `api.mypurecloud.ie` or a full URL → the API base URL. */
export function regionApiUrl(region: string): string | undefined {
  const r = region.trim();
  if (!r) return undefined;
  if (/^https?:\/\//i.test(r)) return stripSlash(r.replace(/\/\/login\./i, '//api.'));
  const host = REGION_HOSTS[r.toLowerCase().replace(/-/g, '_')] ?? r.replace(/^(api|login)\./i, '');
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? `https://api.${host}` : undefined;
}

/** The login base for an API base: `api.<env>` becomes `login.<env>`; any other host (the emulator) serves both. */
export function authUrlFor(apiUrl: string): string {
  const u = new URL(apiUrl);
  if (u.hostname.startsWith('api.')) u.hostname = `login.${u.hostname.slice(4)}`;
  return stripSlash(u.toString());
}

function envSecret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const direct = env[name];
  if (direct) return direct;
  const file = env[`${name}_FILE`];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    throw new ConfigError('Genesys Cloud settings are not valid', [`${name}_FILE: cannot read ${file}`]);
  }
}

function checkUrl(name: string, value: string, problems: string[]): string | undefined {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    return stripSlash(value);
  } catch {
    problems.push(`${name}: "${value}" is not an http(s) URL`);
    return undefined;
  }
}

/**
 * Resolves the API and login URLs and the OAuth client: EXEC_GC_API_URL / EXEC_GC_AUTH_URL /
 * EXEC_GC_CLIENT_ID / EXEC_GC_CLIENT_SECRET(_FILE) first, then the transaction's base_service_url /
 * base_auth_url, then its region. Throws one ConfigError naming every missing or malformed setting.
 */
export function resolveCloudUrls(
  settings: CloudSettingsInput = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedCloud {
  const problems: string[] = [];
  let apiUrl: string | undefined;
  if (env.EXEC_GC_API_URL) apiUrl = checkUrl('EXEC_GC_API_URL', env.EXEC_GC_API_URL, problems);
  else if (settings.baseServiceUrl)
    apiUrl = checkUrl('general/base_service_url', settings.baseServiceUrl, problems);
  else if (settings.region) {
    apiUrl = regionApiUrl(settings.region);
    if (!apiUrl) problems.push(`general/region: "${settings.region}" is not a known region, domain or URL`);
  } else {
    problems.push(
      'EXEC_GC_API_URL: missing (or general/base_service_url or general/region of hybrid_integration)',
    );
  }
  let authUrl: string | undefined;
  if (env.EXEC_GC_AUTH_URL) authUrl = checkUrl('EXEC_GC_AUTH_URL', env.EXEC_GC_AUTH_URL, problems);
  // An API override without a login override points elsewhere (the lab): the transaction's login URL
  // would belong to another system, so the login URL follows the overridden API URL.
  else if (settings.baseAuthUrl && !env.EXEC_GC_API_URL) {
    authUrl = checkUrl('general/base_auth_url', settings.baseAuthUrl, problems);
  } else if (apiUrl) authUrl = authUrlFor(apiUrl);
  const clientId = env.EXEC_GC_CLIENT_ID || settings.clientId;
  const clientSecret = envSecret(env, 'EXEC_GC_CLIENT_SECRET') || settings.clientSecret;
  if (!clientId)
    problems.push('EXEC_GC_CLIENT_ID: missing (or client_id of the service section of hybrid_integration)');
  if (!clientSecret) {
    problems.push(
      'EXEC_GC_CLIENT_SECRET: missing (or client_secret of the service section of hybrid_integration)',
    );
  }
  if (problems.length || !apiUrl || !authUrl || !clientId || !clientSecret) {
    throw new ConfigError('Genesys Cloud settings are not valid', problems);
  }
  return { apiUrl, authUrl, clientId, clientSecret };
}
