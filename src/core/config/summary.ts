// The summary check-env prints for a valid deployment: what runs where, no secrets.
import { securityNotices } from './notices.ts';
import { excpPairs, isRecordingDeployment } from './validate.ts';

export function summarizeDeployment(
  parsed: Record<string, unknown>,
  values: Record<string, string>,
): string[] {
  const v = (k: string): string => String(parsed[k] ?? values[k] ?? '-');
  const lines = [
    `Deployment for EX Org ${v('EXEC_ORG_ID')}, Engage tenant ${v('EXEC_TENANT_ID')}`,
    `  images     ${v('EXEC_DOCKER_REPOSITORY')}, logs in ${v('EXEC_HOST_LOGS_VOLUME_PATH')}`,
    `  redis      ${parsed.EXEC_REDIS_SENTINELS ? `sentinels ${v('EXEC_REDIS_SENTINELS')}` : `${v('EXEC_REDIS_HOST')}:${v('EXEC_REDIS_PORT')}`}${parsed.EXEC_REDIS_SECURE ? ' (password)' : ''}${parsed.EXEC_REDIS_TLS ? ' (TLS)' : ''}`,
    `  EXCS       ${v('EXCS_VM_HOST')}:${v('EXCS_PORT')} tag ${v('EXCS_TAG')}, Config DB ${v('EXCS_CONFIG_DB_TYPE')} ${v('EXCS_CONFIG_DB_USER')}@${v('EXCS_CONFIG_DB_HOST')}:${v('EXCS_CONFIG_DB_PORT')}/${v('EXCS_CONFIG_DB_NAME')}${parsed.EXCS_CONFIG_DB_SSL ? ' (SSL)' : ''}`,
    `  EXAS       ${v('EXAS_HOST')}:${v('EXAS_PORT')} tag ${v('EXAS_TAG')}, Stat Server ${v('EXAS_STAT_SERVER_PRIMARY_HOST')}:${v('EXAS_STAT_SERVER_PRIMARY_PORT')} / ${v('EXAS_STAT_SERVER_BACKUP_HOST')}:${v('EXAS_STAT_SERVER_BACKUP_PORT')}`,
  ];
  for (const n of excpPairs(values)) {
    lines.push(
      `  EXCP #${n}    ${v(`EXCP_${n}_VM_HOST_PAIR`)} port ${v(`EXCP_${n}_PORT`)} tag ${v(`EXCP_${n}_TAG`)}; VQ ${v(`EXCP_${n}_VOICE_SERVER_VQ`)}; agent ${v(`EXCP_${n}_VOICE_SERVER_AGENT`)}; call ${v(`EXCP_${n}_VOICE_SERVER_CALL`)}`,
    );
  }
  if (isRecordingDeployment(values)) {
    lines.push(
      `  EXRP       ${v('EXRP_VM_HOST_LIST')} port ${v('EXRP_PORT')} tag ${v('EXRP_TAG')}, behind ${v('EXCP_RECORDING_PROCESSOR_PROXY_HOST')}:${v('EXCP_RECORDING_PROCESSOR_PROXY_PORT')}`,
    );
  } else {
    lines.push('  recording  not configured (no-media deployment)');
  }
  for (const n of securityNotices(parsed)) lines.push(`warning: ${n}`);
  lines.push('OK: no problems found');
  return lines;
}
