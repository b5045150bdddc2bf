// Recording injection metrics (exec_excp_recording_*).
import { Counter, Gauge, type Registry } from '../../../core/metrics.ts';

export function createRecordingMetrics(registry: Registry) {
  const r = [registry];
  return {
    segments: new Counter({
      name: 'exec_excp_recording_segments_total',
      help: 'Recorded segments reported (MCP POST or GIR), by source and result (stored, repeated, disabled, invalid, unknown-call)',
      labelNames: ['source', 'result'],
      registers: r,
    }),
    requests: new Counter({
      name: 'exec_excp_recording_requests_total',
      help: 'Interaction-end requests to EXRP, by result (accepted, retried, rejected) and link (agent, trunk, first-party)',
      labelNames: ['result', 'link'],
      registers: r,
    }),
    sta: new Counter({
      name: 'exec_excp_recording_sta_total',
      help: 'Segments sent, by why STA was or was not asked for',
      labelNames: ['reason'],
      registers: r,
    }),
    gir: new Counter({
      name: 'exec_excp_recording_gir_fetches_total',
      help: 'GIR RWS metadata fetches, by result (found, absent, error, gave-up)',
      labelNames: ['result'],
      registers: r,
    }),
    handedOff: new Counter({
      name: 'exec_excp_recording_conversations_total',
      help: 'Ended conversations handed to the recording queue',
      registers: r,
    }),
    due: new Gauge({
      name: 'exec_excp_recording_due',
      help: 'Conversations with recording work waiting (due now or later)',
      registers: r,
    }),
  };
}

export type RecordingMetrics = ReturnType<typeof createRecordingMetrics>;
