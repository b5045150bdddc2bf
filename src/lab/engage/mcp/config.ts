// The MCP simulator's settings, validated (they come from the command line or the demo): the recording
// profile's options (seed 004 "Configuring record IVR profile"), MCP's retry behaviour and the audio made.
import { z } from 'zod';
import { profileValue } from './delivery.ts';

/** Why `u` is not a usable http(s) URL, or undefined. */
function urlProblem(u: string): string | undefined {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http:// or https:// URL';
  if (url.username || url.password) return 'put credentials in httpauthorization2, not in the URL';
  return undefined;
}

const httpUrl = (what: string) =>
  z
    .string()
    .transform(profileValue)
    .superRefine((u, ctx) => {
      const problem = urlProblem(u);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what}: ${problem}` });
    });

export const mcpConfigSchema = z.object({
  /** `recordingclient.recdest2` (`fixed,` prefix accepted). */
  recdest: httpUrl('recdest2').transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  /** `recordingclient.httpauthorization2`: `user:password`. */
  httpAuthorization: z
    .string()
    .transform(profileValue)
    .pipe(z.string().regex(/^[^:]+:.+$/, 'httpauthorization2: expected user:password'))
    .optional(),
  /** `recordingclient.callrec_dest`. */
  callrecDest: httpUrl('callrec_dest'),
  irrecoverableDir: z.string().min(1, 'irrecoverablerecordpostdir: empty path').optional(),
  retry: z
    .object({
      retries: z.number().int('retries: a whole number').min(0).max(100).default(3),
      backoffMs: z.number().min(0).default(1000),
      maxBackoffMs: z.number().min(0).default(30_000),
      timeoutMs: z.number().min(1).default(10_000),
    })
    .prefault({}),
  audio: z
    .object({
      channels: z.union([z.literal(1), z.literal(2)]).default(1),
      minMs: z.number().min(0).default(1000),
      maxMs: z.number().min(20).default(3_600_000),
      /** Bytes per 20 ms packet: 3 is bare silence; 80 is 32 kbit/s (opus-file.ts). */
      packetBytes: z.number().int().min(3).max(1275).default(3),
    })
    .prefault({}),
  metadata: z
    .object({
      tenant: z.string().default('Resources'),
      ivrProfile: z.string().default('record'),
      sipsAppName: z.string().default('SIPServer'),
    })
    .prefault({}),
  trunk: z.boolean().default(false),
  /** Segments delivered at once. */
  concurrency: z.number().int().min(1).max(1000).default(16),
});

export type McpConfigInput = z.input<typeof mcpConfigSchema>;
export type McpConfig = z.output<typeof mcpConfigSchema>;

/** The settings, or an Error listing every problem, one per line, each naming the setting. */
export function parseMcpConfig(input: McpConfigInput): McpConfig {
  const r = mcpConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => {
    const path = i.path.join('.');
    return i.message.includes(':') || !path ? i.message : `${path}: ${i.message}`;
  });
  throw new Error(`MCP simulator settings: ${lines.join('; ')}`);
}
