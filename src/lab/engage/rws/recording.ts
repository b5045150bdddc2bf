// The RWS recording document of one call (engage-recording.md §2, "Response"): the wrapper seen in three
// public sources, mediaFiles named as GIR names them. Pure.

export interface RwsSegmentSpec {
  startMs: number;
  stopMs: number;
  agentId?: string;
  recordDn?: string;
  /** 1, 2, …: the file's sequence within the call. */
  seq: number;
}

export interface RwsCallSpec {
  callUuid: string;
  ani?: string;
  dnis?: string;
  region?: string;
  segments: RwsSegmentSpec[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** RWS writes times as `2014-08-25T09:05:33.000+0000`. */
export const rwsTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}_${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
}

/** `<CallUUID>_<recordDN>_<agentId>_<ani>_<dnis>_<date>_<time>_-<8hex>-<8hex>-<seq>.mp3` (RWS-real). */
export function girMediaId(call: RwsCallSpec, s: RwsSegmentSpec): string {
  const base = `${call.callUuid}_${s.recordDn ?? ''}_${s.agentId ?? ''}_${call.ani ?? ''}_${call.dnis ?? ''}_${stamp(s.startMs)}_`;
  const hex = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `${base}-${hex(s.startMs / 1000)}-${hex(s.seq * 0x1000 + 0xaaa)}-${pad(s.seq, 8)}.mp3`;
}

export function rwsRecording(call: RwsCallSpec): Record<string, unknown> {
  const first = call.segments.reduce((m, s) => Math.min(m, s.startMs), Infinity);
  const last = call.segments.reduce((m, s) => Math.max(m, s.stopMs), -Infinity);
  return {
    statusCode: 0,
    recording: {
      id: call.callUuid,
      callerPhoneNumber: call.ani ?? '',
      dialedPhoneNumber: call.dnis ?? '',
      startTime: rwsTime(Number.isFinite(first) ? first : Date.now()),
      stopTime: rwsTime(Number.isFinite(last) ? last : Date.now()),
      region: call.region ?? 'us',
      eventHistory: [],
      mediaFiles: call.segments.map((s) => {
        const mediaId = girMediaId(call, s);
        return {
          startTime: rwsTime(s.startMs),
          stopTime: rwsTime(s.stopMs),
          callUUID: call.callUuid,
          mediaId,
          type: 'audio/mp3',
          duration: String(Math.round((s.stopMs - s.startMs) / 1000)),
          tenant: 'Resources',
          ivrprofile: 'record',
          size: '0',
          parameters: {
            id: mediaId.slice(0, mediaId.indexOf('_-')),
            dnis: call.dnis ?? '',
            callUuid: call.callUuid,
            ani: call.ani ?? '',
            dateTime: new Date(s.startMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            ...(s.agentId ? { agentId: s.agentId } : {}),
            ...(s.recordDn ? { recordDN: s.recordDn } : {}),
            sipsAppName: 'SIPServer',
          },
          partitions: [],
          accessgroups: [],
          mediaUri: `/api/v2/recordings/${call.callUuid}/play/${mediaId}`,
        };
      }),
    },
  };
}
