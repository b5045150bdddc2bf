// Which Engage DN types become Genesys Cloud queues. Seed 003 maps Virtual Queues; seed 002 tells sites
// to consider ACD Queue, Routing Queue and Routing Point DNs too. The hybrid_integration option
// `queue_dn_types` (config_sync, else general) lists them; Virtual Queue alone by default.

/** CfgDNType codes of the DN types that can be queues (docs/config-sync.md). */
export const QUEUE_DN_TYPES = {
  'Virtual Queue': 5,
  'ACD Queue': 3,
  'Routing Queue': 22,
  'Routing Point': 4,
} as const;

export type QueueDnTypeName = keyof typeof QUEUE_DN_TYPES;
export const DEFAULT_QUEUE_DN_TYPES: readonly number[] = [QUEUE_DN_TYPES['Virtual Queue']];

/** Spellings accepted, compared without case, spaces or underscores (the seeds' words, CfgDNType's). */
const SPELLINGS: Record<string, number> = {
  virtualqueue: 5,
  vq: 5,
  virtacdqueue: 5,
  acdqueue: 3,
  routingqueue: 22,
  routingpoint: 4,
  rp: 4,
};

export function queueDnTypeName(code: number): string {
  return Object.entries(QUEUE_DN_TYPES).find(([, c]) => c === code)?.[0] ?? `DN type ${code}`;
}

/** `"Virtual Queue, Routing Point"` → `[5, 4]`; unknown names are reported and skipped; none left → VQ. */
export function parseQueueDnTypes(value: string | undefined, problems: string[]): number[] {
  if (value === undefined) return [...DEFAULT_QUEUE_DN_TYPES];
  const codes: number[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const code = SPELLINGS[name.toLowerCase().replace(/[\s_-]/g, '')];
    if (code === undefined) {
      problems.push(
        `hybrid_integration queue_dn_types: "${name}" is not a queue DN type (expected ${Object.keys(QUEUE_DN_TYPES).join(', ')}); ignored`,
      );
    } else if (!codes.includes(code)) codes.push(code);
  }
  return codes.length > 0 ? codes : [...DEFAULT_QUEUE_DN_TYPES];
}
