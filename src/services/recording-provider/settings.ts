// Where EXRP gets its settings (seed 003: the Config Server application EXRP_CONFIG_SERVER_*, whose
// hybrid_integration transaction holds `recording-uploader.exec.transientStorage` and
// `recording-uploader.exec.genesysCloud`). This project has no Config Server: the Config DB behind it
// stands in (docs/recording-provider.md): EXRP_CONFIG_SERVER_PRIMARY_HOST/PORT/USER/PASSWORD reach the
// Config DB, EXRP_CONFIG_SERVER_APPLICATION names the database, and the transaction is read as EXCS reads
// it. EXEC_GC_* still win for the cloud; EXRP_WEBDAV_* (additions) for the storage.
import { z } from 'zod';
import type { ResolvedCloud } from '../../cloud/index.ts';
import type { CommonConfig } from '../../core/config/service-config.ts';
import { ConfigError } from '../../core/errors.ts';
import { openConfigDb, type ConfigDbType } from '../../engage/configdb/index.ts';
import type { ConfigDbFinding } from '../../engage/configdb/model.ts';
import { readHybridIntegration } from '../../engage/configdb/transaction.ts';
import { overridesComplete, serviceCloudSettings, type SettingsSection } from '../shared/cloud-setup.ts';

export const STORAGE_SECTION = 'recording-uploader.exec.transientStorage';
export const CLOUD_SECTION = 'recording-uploader.exec.genesysCloud';

export interface WebdavSettings {
  url: string;
  username: string;
  password: string;
}

export interface RecordingSettings {
  webdav: WebdavSettings;
  cloud: ResolvedCloud;
}

const storageSchema = z.object({
  type: z.string().refine((t) => t.toLowerCase() === 'webdav', 'must be WebDAV'),
  url: z.string().url('is not a URL'),
  username: z.string().min(1, 'is empty'),
  password: z.string().min(1, 'is empty'),
});

/** The settings from the transaction's sections, the environment's overrides winning. Pure. */
export function recordingSettingsFrom(
  sections: Readonly<Record<string, SettingsSection>>,
  config: Pick<CommonConfig, 'gc' | 'vars'>,
): RecordingSettings {
  const v = config.vars;
  const stored = sections[STORAGE_SECTION] ?? {};
  const storage = storageSchema.safeParse({
    type: v.EXRP_WEBDAV_URL ? 'WebDAV' : stored.type,
    url: v.EXRP_WEBDAV_URL ?? stored.url,
    username: v.EXRP_WEBDAV_USER ?? stored.username,
    password: v.EXRP_WEBDAV_PASSWORD ?? stored.password,
  });
  if (!storage.success)
    throw new ConfigError(
      'exrp: the WebDAV transient storage is not configured',
      storage.error.issues.map(
        (i) =>
          `hybrid_integration ${STORAGE_SECTION}/${i.path.join('.')}: ${i.path[0] === 'password' ? 'missing or empty' : i.message}`,
      ),
    );
  const own = sections[CLOUD_SECTION] ?? {};
  // The seed names the secret `password` in this section (client_secret elsewhere).
  const cloud = serviceCloudSettings(
    sections.general ?? {},
    { client_id: own.client_id, client_secret: own.client_secret ?? own.password },
    config.gc,
  );
  const url = storage.data.url.endsWith('/') ? storage.data.url : `${storage.data.url}/`;
  return { webdav: { ...storage.data, url }, cloud };
}

/** True when EXRP_WEBDAV_* and EXEC_GC_* say everything: the transaction need not be read. */
export function overridesAlone(config: Pick<CommonConfig, 'gc' | 'vars'>): boolean {
  const v = config.vars;
  return Boolean(
    v.EXRP_WEBDAV_URL && v.EXRP_WEBDAV_USER && v.EXRP_WEBDAV_PASSWORD && overridesComplete(config.gc),
  );
}

/** Reads the hybrid_integration transaction from the Config DB standing in for Config Server. */
export async function readTransactionSections(
  config: CommonConfig,
): Promise<Record<string, SettingsSection>> {
  const v = config.vars;
  const db = openConfigDb(
    {
      type: (v.EXCS_CONFIG_DB_TYPE as ConfigDbType | undefined) ?? 'postgresql',
      host: String(v.EXRP_CONFIG_SERVER_PRIMARY_HOST),
      port: Number(v.EXRP_CONFIG_SERVER_PRIMARY_PORT),
      user: String(v.EXRP_CONFIG_SERVER_USER),
      password: String(v.EXRP_CONFIG_SERVER_PASSWORD),
      database: String(v.EXRP_CONFIG_SERVER_APPLICATION),
      ssl: v.EXCS_CONFIG_DB_SSL === true,
    },
    { poolSize: 1 },
  );
  try {
    const findings: ConfigDbFinding[] = [];
    const [tx] = await readHybridIntegration(db.client, findings, null);
    if (!tx)
      throw new ConfigError('exrp: no settings', [
        `EXRP_CONFIG_SERVER_APPLICATION: ${findings.map((f) => f.message).join('; ') || 'no hybrid_integration transaction'}`,
      ]);
    return tx.sections;
  } finally {
    await db.close();
  }
}
