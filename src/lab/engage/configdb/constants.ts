// The fixed shape of the seeded contact center: options, switches, skills and their level ranges,
// the VQ names. Shared by the generator files; tests read them to know what to expect.
import { SWITCH_DBIDS } from './folderLayout.ts';

export interface SeedOptions {
  agents: number;
  seed: number;
  /** Base service and auth URL written into hybrid_integration/general. */
  cloudUrl: string;
  clientId: string;
  clientSecret: string;
  /** Case-insensitive name clashes among persons, skills, DNs and business attribute values. */
  nameClashes: boolean;
  /** Dangling links and annex values of the wrong shape or type. */
  badData: boolean;
  /** A second tenant (Tenant_B, DBID 2) with its own objects and hybrid_integration transaction. */
  secondTenant: boolean;
}

export const DEFAULT_SEED_OPTIONS: SeedOptions = {
  agents: 100,
  seed: 1,
  cloudUrl: 'http://127.0.0.1:3600',
  clientId: 'exec-lab',
  clientSecret: 'exec-lab-secret',
  nameClashes: false,
  badData: false,
  secondTenant: false,
};

/** The lab WebDAV server (`lab webdav`, DESIGN §2) as the seeded transientStorage section names it. */
export const LAB_WEBDAV = { url: 'http://127.0.0.1:8088/', user: 'exec-lab', password: 'exec-lab-webdav' };

export const SWITCHES = {
  sip: { dbid: SWITCH_DBIDS.sip, name: 'SIP_Switch' },
  vq: { dbid: SWITCH_DBIDS.vq, name: 'VQ-Switch' },
};
export const FIRST_AGENT_DBID = 1001;

export const SKILLS: readonly { name: string; min: number; max: number; scope: 'in' | 'out' | 'root' }[] = [
  { name: 'Sales', min: 1, max: 10, scope: 'in' },
  { name: 'Billing', min: 1, max: 10, scope: 'in' },
  { name: 'Tech_Support', min: 1, max: 5, scope: 'in' },
  { name: 'Retention', min: 0, max: 100, scope: 'in' },
  { name: 'English', min: 1, max: 10, scope: 'in' },
  { name: 'Spanish', min: 1, max: 10, scope: 'in' },
  { name: 'French', min: 1, max: 10, scope: 'in' },
  { name: 'VIP', min: 1, max: 1000, scope: 'in' },
  { name: 'Escalations', min: -10, max: 90, scope: 'in' },
  { name: 'Chat', min: 0, max: 1, scope: 'in' },
  { name: 'Payroll', min: 1, max: 5, scope: 'out' },
  { name: 'Legacy_IVR', min: 1, max: 3, scope: 'root' },
];
export const IN_SCOPE_SKILLS = SKILLS.filter((s) => s.scope === 'in');

export const VQ_NAMES = [
  'VQ_Sales_Leads',
  'VQ_Billing',
  'VQ_Tech_Support',
  'VQ_Retention',
  'VQ_Spanish',
  'VQ_French',
  'VQ_VIP',
];
/** The skill that drives each VQ's group (VAG script, static membership bias). */
export const VQ_SKILL = ['Sales', 'Billing', 'Tech_Support', 'Retention', 'Spanish', 'French', 'VIP'];

export function vqCount(agents: number): number {
  return Math.min(50, Math.max(5, Math.ceil(agents / 20)));
}

export interface SeededAgent {
  dbid: number;
  inScope: boolean;
  skills: Map<string, number>;
}
