// What MCP says about a finished segment (pure): the file name it stores under `recdest2`, and the JSON it
// posts to `callrec_dest` in the `mediaFiles[]` shape of the reference (engage-recording.md §1, §3).
import { oggCrc32 } from './ogg.ts';
import type { FinishedSegment } from './segments.ts';

export interface RecordingMetadata {
  mediaFiles: MediaFile[];
}

export interface MediaFile {
  mediaDescriptor: { path: string; storage: 'webDAV' };
  startTime: string;
  stopTime: string;
  mediaId: string;
  type: 'audio/opus';
  /** Whole seconds, as a string (the reference's samples carry strings). */
  duration: string;
  tenant: string;
  ivrprofile: string;
  /** Bytes, as a string. */
  size: string;
  parameters: {
    id: string;
    callUuid: string;
    connId: string;
    ani: string;
    dnis: string;
    agentId: string;
    recordDN: string;
    agentdn: string;
    sipsAppName: string;
    dateTime: string;
    record: 'agent' | 'trunk';
  };
  masks: { time: string; type: 'paused' | 'resume' }[];
}

export interface MetadataContext {
  tenant: string;
  ivrProfile: string;
  sipsAppName: string;
}

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();
/** Characters a file name part may carry (MCP names are letters, digits, `+`, `-`, `_`). */
const part = (s: string | undefined): string => (s ?? '').replace(/[^A-Za-z0-9+-]/g, '');
const hex8 = (s: string): string => oggCrc32(Buffer.from(s)).toString(16).toUpperCase().padStart(8, '0');

/**
 * `parameters.id`, SIP Server's file-name base: `<CallUUID>_<recordDN>_<agentId>_<ani>_<dnis>_<date>_<time>_`
 * (the RWS sample's layout).
 */
export function recordingId(s: FinishedSegment): string {
  const [date, time] = iso(s.startUs).slice(0, 19).split('T') as [string, string];
  return [s.callUuid, s.recordDn, s.agentId, s.ani, s.dnis, date, time.replaceAll(':', '-')]
    .map(part)
    .join('_')
    .concat('_');
}

/**
 * The file name: `<id>-<8 hex>-<8 hex>-<8-digit seq>.opus`, as both public samples are laid out. The two
 * hex groups (MCP's own session ids in real files) are derived from the segment so that names are
 * reproducible. Real names run past Genesys Cloud's 80 characters; shortening them is EXRP's job.
 */
export function recordingFileName(s: FinishedSegment): string {
  const id = recordingId(s);
  return `${id}-${hex8(`${s.callUuid}/${s.recordDn}`)}-${hex8(`${s.connId}/${s.startUs}`)}-${String(s.seq).padStart(8, '0')}.opus`;
}

export function recordingMetadata(
  s: FinishedSegment,
  file: { url: string; name: string; size: number },
  ctx: MetadataContext,
): RecordingMetadata {
  return {
    mediaFiles: [
      {
        mediaDescriptor: { path: file.url, storage: 'webDAV' },
        startTime: iso(s.startUs),
        stopTime: iso(s.stopUs),
        mediaId: file.name,
        type: 'audio/opus',
        duration: String(Math.round((s.stopUs - s.startUs) / 1_000_000)),
        tenant: ctx.tenant,
        ivrprofile: ctx.ivrProfile,
        size: String(file.size),
        parameters: {
          id: recordingId(s),
          callUuid: s.callUuid,
          connId: s.connId,
          ani: s.ani ?? '',
          dnis: s.dnis ?? '',
          agentId: s.agentId ?? '',
          recordDN: s.recordDn,
          agentdn: s.kind === 'agent' ? s.recordDn : '',
          sipsAppName: ctx.sipsAppName,
          dateTime: `${iso(s.startUs).slice(0, 19)}Z`,
          record: s.kind,
        },
        masks: s.masks.map((m) => ({ time: iso(m.timeUs), type: m.type })),
      },
    ],
  };
}
