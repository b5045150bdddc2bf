// Test peers for EXCP's recording tests. `startExrpPeer`: a small real HTTP server standing in for the
// load balancer in front of EXRP (built in parallel by another issue; this is a test peer, not a claim
// that EXRP exists): it validates each interaction-end with the shared contract and records it.
// `recordedSegments`: the segments MCP would record for a simulator call (one per agent DN per call,
// from its EventEstablished to its EventReleased), and `mcpBody` the metadata MCP would post for one.
import { createServer } from 'node:http';
import type { ScenarioResult } from '../../src/lab/engage/sip-server/scenarios/index.ts';
import {
  InteractionEndSchema,
  type InteractionEnd,
} from '../../src/services/recording-provider/interaction-end.ts';
import { closeServer, listen } from '../agent-state-sync/stubs.ts';
import type { ExcpLab } from './lab.ts';

export interface ExrpPeer {
  url: string;
  /** Answer 503 to everything while true. */
  down: boolean;
  /** Every request accepted (202), in order. */
  accepted: InteractionEnd[];
  /** Requests refused: not valid under the contract (400), or while down (503). */
  invalid: { body: unknown; error: string }[];
  refusedWhileDown: number;
  stop(): Promise<void>;
}

export async function startExrpPeer(): Promise<ExrpPeer> {
  const peer = {
    down: false,
    accepted: [] as InteractionEnd[],
    invalid: [] as ExrpPeer['invalid'],
    refusedWhileDown: 0,
  };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/api/v1/interactions/end') return answer(404, {});
      if (peer.down) {
        peer.refusedWhileDown++;
        return answer(503, { status: { code: 50300, message: 'down' } });
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        peer.invalid.push({ body: text, error: 'not JSON' });
        return answer(400, {});
      }
      const r = InteractionEndSchema.safeParse(body);
      if (!r.success) {
        peer.invalid.push({ body, error: r.error.message });
        return answer(400, { status: { code: 40000, message: r.error.message } });
      }
      peer.accepted.push(r.data);
      answer(202, { status: { code: 0, message: 'queued' }, data: { jobId: r.data.segmentId } });
    });
  });
  const url = await listen(server);
  return Object.assign(peer, { url, stop: () => closeServer(server) });
}

export interface RecordedSegment {
  callUuid: string;
  dn: string;
  agentId?: string;
  startMs: number;
  stopMs: number;
  mediaId: string;
  ani?: string;
  dnis?: string;
}

/**
 * One segment per agent DN of the scenario: from its first EventEstablished (the call it was on then) to
 * its last EventReleased (a conference moves a party between calls); a trunk segment of the whole first
 * call when asked.
 */
export function recordedSegments(r: ScenarioResult, o: { trunk?: boolean } = {}): RecordedSegment[] {
  const byDn = new Map<string, RecordedSegment>();
  let n = 0;
  for (const e of r.events) {
    const b = e.body as Record<string, unknown>;
    const callUuid = typeof b.AttributeCallUUID === 'string' ? b.AttributeCallUUID : undefined;
    if (!e.dn || !callUuid || typeof b.AttributeAgentID !== 'string') continue;
    const at = Math.floor(e.atUs / 1000);
    if (b.message === 'EventEstablished' && !byDn.has(e.dn)) {
      byDn.set(e.dn, {
        callUuid,
        dn: e.dn,
        agentId: b.AttributeAgentID,
        startMs: at,
        stopMs: at,
        mediaId: `${callUuid}_${e.dn}_${++n}.opus`,
        ...(typeof b.AttributeANI === 'string' ? { ani: b.AttributeANI } : {}),
        ...(typeof b.AttributeDNIS === 'string' ? { dnis: b.AttributeDNIS } : {}),
      });
    } else if (b.message === 'EventReleased' && byDn.has(e.dn)) byDn.get(e.dn)!.stopMs = at;
  }
  const out = [...byDn.values()];
  if (o.trunk) {
    const first = r.events[0]!;
    const last = r.events[r.events.length - 1]!;
    const ani = (first.body as Record<string, unknown>).AttributeANI;
    out.push({
      callUuid: r.callUuid,
      dn: typeof ani === 'string' ? ani : 'trunk',
      startMs: Math.floor(first.atUs / 1000),
      stopMs: Math.floor(last.atUs / 1000),
      mediaId: `${r.callUuid}_trunk.opus`,
    });
  }
  return out;
}

/** The metadata MCP posts for one segment (engage-recording.md §1, WebDAV storage). */
export function mcpBody(s: RecordedSegment): Record<string, unknown> {
  return {
    mediaFiles: [
      {
        mediaDescriptor: { path: `http://webdav.test:8088/recordings/${s.mediaId}`, storage: 'webDAV' },
        startTime: new Date(s.startMs).toISOString(),
        stopTime: new Date(s.stopMs).toISOString(),
        mediaId: s.mediaId,
        type: 'audio/opus',
        duration: String(Math.round((s.stopMs - s.startMs) / 1000)),
        tenant: 'Resources',
        ivrprofile: 'record',
        size: '332',
        parameters: {
          callUuid: s.callUuid,
          recordDN: s.dn,
          ...(s.agentId ? { agentId: s.agentId } : {}),
          ...(s.ani ? { ani: s.ani } : {}),
          ...(s.dnis ? { dnis: s.dnis } : {}),
          sipsAppName: 'SIPServer',
        },
        masks: [],
      },
    ],
  };
}

export interface TranscribedOrg {
  supportQueue: string;
  supportProgram: string;
  defaultProgram: string;
}

/**
 * Transcription on for the lab's org and every queue; VQ_Support's queue gets a program of its own
 * ("Support topics"), every other queue the emulator's default program.
 */
export async function transcribedOrg(lab: ExcpLab): Promise<TranscribedOrg> {
  const q = lab.mappings.queues.find((x) => x.name === 'VQ_Support');
  if (!q) throw new Error('VQ_Support is not mapped');
  for (const m of lab.mappings.queues) {
    const oq = await lab.admin.routing.getQueue(m.cloudId);
    await lab.admin.routing.updateQueue(m.cloudId, { name: oq.name!, enableTranscription: true });
  }
  await lab.admin.routing.setTranscriptionSettings({
    transcription: 'EnabledGlobally',
    transcriptionConfidenceThreshold: 50,
  });
  const seeded = await fetch(`${lab.emulator.url}/__emulator/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ programs: [{ name: 'Support topics', queueIds: [q.cloudId] }] }),
  });
  if (seeded.status !== 200)
    throw new Error(`seeding the program: HTTP ${seeded.status} ${await seeded.text()}`);
  const programs = await lab.admin.speechAnalytics.listPrograms();
  return {
    supportQueue: q.cloudId,
    supportProgram: programs.find((p) => p.name === 'Support topics')!.id!,
    defaultProgram: (await lab.admin.speechAnalytics.settings()).defaultProgram!.id!,
  };
}
