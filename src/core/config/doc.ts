// The configuration reference (docs/configuration.md), rendered from the catalogue.
import { EXCP_PAIR_TEMPLATE, VARIABLES, type VariableSpec } from './variables.ts';

const PARTS: [VariableSpec['part'], string][] = [
  ['common', 'Common parameters'],
  ['overrides', 'Genesys Cloud overrides (DESIGN §3)'],
  ['excs', 'EXCS: config sync'],
  ['exas', 'EXAS: agent state sync'],
  ['excp', 'EXCP: conversation provider'],
  ['exrp', 'EXRP: recording provider'],
  ['logging', 'Logging (seed 003, "Logging")'],
];

function row(v: VariableSpec): string {
  const used = v.usedBy === 'all' ? 'all' : v.usedBy.length ? v.usedBy.join(', ') : 'bootstrap only';
  const flags = [
    v.mandatory ? '**mandatory**' : '',
    v.secret ? 'secret (`_FILE` accepted)' : '',
    v.recording ? 'recording deployments' : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `| \`${v.name}\` | ${v.description.replace(/\|/g, '\\|')} | ${v.expected} | ${v.default ?? ''} | ${used}${v.requiredBy?.length ? ` (required by ${v.requiredBy.join(', ')})` : ''} | ${flags} |`;
}

export function configurationDoc(): string {
  const out = [
    '# Configuration reference',
    '',
    'Generated from `src/core/config/variables.ts` by `node --import tsx scripts/gen-config-doc.ts`; a test fails',
    'when this file is stale. Names are the seeds\' (seed 003, "Configuring .env file" and "Logging"); entries',
    'marked "(addition)" are ours.',
    '',
    '- `exec-connector check-env [--env-file F]` checks a whole deployment: every **mandatory** variable of every',
    '  part present (the recording part only when any recording variable is set), every value well-formed.',
    '- `exec-connector run <svc>` requires only what that service needs ("required by") and checks the form of',
    '  every variable the service reads; it never starts half-configured.',
    '- Every secret `X` may be given as `X_FILE` (a path to a file holding it). Secrets are redacted from every',
    '  log line and error message, by value, wherever they appear. `X_FILE` is read only for variables of this',
    "  catalogue: other tools' `*_FILE` variables (`SSL_CERT_FILE`, `TF_CLI_CONFIG_FILE`, …) are left alone.",
    '- Folder filtering (seed 003): `EXCS_SYNC_CUSTOMER_FOLDER_NAME` is parsed in one place',
    '  (`src/core/config/folder-filter.ts`): names split on commas and trimmed, blanks dropped. Filtering on with',
    '  no name left (e.g. `,`) is an error of check-env and run; a name matching no folder of the tenant stops',
    "  EXCS at start and is an error of preflight, naming it. The seed's unprefixed `SYNC_CUSTOMER_OBJECTS_ONLY`",
    '  and `SYNC_CUSTOMER_FOLDER_NAME` are accepted as aliases with a warning naming our variable; an alias and',
    '  its variable set to different values is an error.',
    '- Tenant: `EXEC_TENANT_ID` (a tenant DBID, or its name) limits every Config DB query of EXCS to that tenant',
    '  and picks its `hybrid_integration` transaction (docs/config-db.md). Queue descriptions name `TENANT_NAME`,',
    '  else `TENANT_ID`, else `EXEC_TENANT_ID`, else `default_tenant`. Stat Server statistics name',
    '  `EXAS_STAT_SERVER_TENANT` (default `Resources`).',
    '- `<SERVICE>_LOG_LEVEL` (EXCS, EXAS, EXCP_<n>, EXRP), when set, sets both the console and the file level.',
    '  `<SERVICE>_LOG_PATH` + `<SERVICE>_LOG_FILENAME` turn file logging on for that service.',
    '- Genesys Cloud settings and credentials come from the `hybrid_integration` transaction in the Config DB',
    '  (EXCS reads it; EXAS and EXCP ask EXCS at `/api/v1/settings/...`); the `EXEC_GC_*` variables override it.',
    '',
    '## HTTP endpoints and the API token',
    '',
    'Who may call each endpoint, how secrets travel and what is logged: [security.md](security.md).',
    '',
    '| service | endpoint | exposes |',
    '|---|---|---|',
    '| all | `GET /health`, `GET /metrics` | dependency states; Prometheus counters. Open. |',
    '| EXCS | `GET /status` | sync state, counts, skipped objects by name, last error. Open. |',
    '| EXCS | `GET /api/v1/settings/{general,agent_state_sync,conversation_provider}` | the `hybrid_integration` section; its secrets (the OAuth client secret) only when `EXEC_API_TOKEN` is set, to callers holding it, else listed in `withheld` |',
    '| EXCS | `GET /api/v1/mappings/{users,skills,queues,wrapupcodes,extensions,source}` | Engage-to-Cloud id mappings (user names, employee ids, logins, DNs) |',
    '| EXCS | `GET /api/v1/plan`, `GET /api/v1/preflight` | pending changes and Engage-side problems, by object name |',
    '',
    'With `EXEC_API_TOKEN` set, every `/api` request needs `Authorization: Bearer <token>`, however its path is',
    'spelt (`/%61pi/…`, `//api/…`, `/API/…`). Secrets shorter than 8 characters are refused (they cannot be',
    'kept out of logs safely). `EXCS_BIND_ADDRESS` chooses the interface EXCS listens on.',
    '',
  ];
  for (const [part, title] of PARTS) {
    const vars = [
      ...VARIABLES.filter((v) => v.part === part),
      ...(part === 'excp' ? EXCP_PAIR_TEMPLATE : []),
    ];
    out.push(
      `## ${title}`,
      '',
      '| variable | meaning | expected | default | used by | notes |',
      '|---|---|---|---|---|---|',
    );
    for (const v of vars) out.push(row(v));
    out.push('');
  }
  return out.join('\n');
}
