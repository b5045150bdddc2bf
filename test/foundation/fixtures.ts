// A complete, valid no-media deployment .env (seed 003 "Configuring .env file"), for check-env tests.
export const VALID_ENV: Record<string, string> = {
  EXEC_DOCKER_REPOSITORY: 'registry.example.com/exec',
  EXEC_HOST_LOGS_VOLUME_PATH: '/var/log/exec',
  EXEC_ORG_ID: '6662cb10-0d4d-4710-b979-db69011e66fd',
  EXEC_TENANT_ID: '101',
  EXEC_REDIS_HOST: '10.0.0.5',
  EXEC_REDIS_PORT: '6379',
  EXCS_VM_HOST: '10.0.0.10',
  EXCS_PORT: '3640',
  EXCS_TAG: '1.0.0',
  EXCS_CONFIG_DB_HOST: 'cfgdb.example.com',
  EXCS_CONFIG_DB_PORT: '5432',
  EXCS_CONFIG_DB_USER: 'genesys',
  EXCS_CONFIG_DB_SSL: 'false',
  EXCS_CONFIG_DB_PASSWORD: 'Db-Pa55word!',
  EXCS_CONFIG_DB_NAME: 'config',
  EXCS_CONFIG_DB_TYPE: 'postgresql',
  EXCS_LOG_FILENAME: 'excs.log',
  EXCS_GC_QUEUE_NAME_SUFFIX: '-Engage-external',
  EXAS_HOST: '10.0.0.11',
  EXAS_PORT: '3630',
  EXAS_TAG: '1.0.0',
  EXAS_STAT_SERVER_PRIMARY_HOST: 'stat1',
  EXAS_STAT_SERVER_PRIMARY_PORT: '2060',
  EXAS_STAT_SERVER_BACKUP_HOST: 'stat2',
  EXAS_STAT_SERVER_BACKUP_PORT: '2061',
  EXAS_LOG_FILENAME: 'exas.log',
  EXCP_1_VM_HOST_PAIR: '10.0.0.12,10.0.0.13',
  EXCP_1_PORT: '3650',
  EXCP_1_TAG: '1.0.0',
  EXCP_1_VOICE_SERVER_VQ: 'sip1:5000/sip2:5000',
  EXCP_1_VOICE_SERVER_AGENT: 'sip1:5000/sip2:5000',
  EXCP_1_VOICE_SERVER_CALL: 'sip1:5000/sip2:5000,sip3:5000/sip4:5000',
  EXCP_1_LOG_FILE_NAME: 'excp.log',
};

export function envText(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
