// The realistic org the emulator starts with (and returns to on reset).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { nowIso } from './ids.ts';
import {
  SYSTEM_PRESENCES,
  type Org,
  type PresenceDefinition,
  type RecordingKey,
  type Role,
} from './state.ts';

/** A UUID derived from a name, so the seeded objects keep their ids across restarts and resets. */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`exec-lab-cloud:${name}`).digest('hex');
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ROLES: [string, string, string[]][] = [
  ['Master Admin', 'Grants all permissions', ['*:*:*']],
  ['Admin', 'Administers the organization', ['directory:*:*', 'routing:*:*', 'authorization:*:*']],
  ['Employee', 'Basic directory access', ['directory:user:view']],
  ['User', 'Genesys Cloud user', ['directory:user:view', 'presence:userPresence:edit']],
  ['Supervisor', 'Monitors queues and agents', ['analytics:*:view', 'routing:queue:view']],
  ['Communicate - User', 'Communicate user', ['conversation:call:add']],
  ['Quality Evaluator', 'Evaluates interactions', ['quality:evaluation:edit']],
  ['Workforce Management Administrator', 'Administers WFM', ['wfm:*:*']],
  [
    'EX Integration',
    'The OAuth client of the EX Engage Connector',
    [
      'directory:user:add',
      'routing:skill:manage',
      'routing:queue:add',
      'presence:source:add',
      'presence:userPresence:inject',
      'routing:routingstatus:inject',
      'conversation:conversation:inject',
      'recording:recording:upload',
    ],
  ],
];

export function createRecordingKey(): RecordingKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    id: stableId('recording-key'),
    createDate: nowIso(),
    keydataSummary: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function createOrg(recordingKey: RecordingKey): Org {
  const now = nowIso();
  const home = {
    id: stableId('division:Home'),
    name: 'Home',
    description: 'Home Division',
    homeDivision: true,
  };
  const roles = new Map<string, Role>();
  for (const [name, description, permissions] of ROLES) {
    const id = stableId(`role:${name}`);
    roles.set(id, { id, name, description, permissions, base: false, default: name === 'Employee' });
  }
  const definitions = new Map<string, PresenceDefinition>();
  for (const sp of SYSTEM_PRESENCES) {
    const id = stableId(`presence:${sp}`);
    const label = sp === 'OnQueue' ? 'On Queue' : sp;
    definitions.set(id, {
      id,
      type: 'System',
      systemPresence: sp,
      languageLabels: { en_US: label },
      divisionId: home.id,
      deactivated: false,
    });
  }
  const programId = stableId('program:default');
  return {
    divisions: new Map([[home.id, home]]),
    roles,
    skills: new Map(),
    languages: new Map(),
    users: new Map(),
    queues: new Map(),
    wrapupCodes: new Map(),
    sources: new Map(),
    definitions,
    programs: new Map([
      [
        programId,
        {
          id: programId,
          name: 'Default Program',
          description: 'The default speech and text analytics program',
          published: true,
          tags: [],
          dateModified: now,
          queueIds: [],
          flowIds: [],
          mappingsModified: now,
        },
      ],
    ]),
    transcription: {
      transcription: 'EnabledQueueFlow',
      transcriptionConfidenceThreshold: 50,
      lowLatencyTranscriptionEnabled: false,
      contentSearchEnabled: false,
      pciDssRedactionEnabled: false,
      piiRedactionEnabled: false,
    },
    staSettings: {
      defaultProgramId: programId,
      expectedDialects: ['en-US'],
      textAnalyticsEnabled: false,
      agentEmpathyEnabled: false,
    },
    conversations: new Map(),
    uploads: new Map(),
    recordingKeys: [recordingKey],
    eventIds: new Set(),
  };
}
