// What the sender's outcomes mean for the outside: metrics per event kind and result, the latency from
// the T-Lib event, the Genesys Cloud state /health reports, and a log line per event read back in doubt.
import type { Logger } from '../../../core/logger.ts';
import type { ExcpMetrics } from '../metrics.ts';
import { stagesOf, STAGES, type OutboxQueues, type OutItem } from './outbox-queues.ts';
import type { SenderHooks } from './sender.ts';

export function senderHooks(d: {
  metrics: ExcpMetrics;
  queues: OutboxQueues;
  logger: Logger;
  onAccepted?: (item: OutItem, now: number) => void;
  /** The Genesys Cloud state /health shows: ok after accepted events, the failure after a retry. */
  cloudState: (s: { ok: boolean; detail?: string }) => void;
}): SenderHooks {
  const m = d.metrics;
  return {
    accepted(item, now) {
      m.eventsOut.inc({ kind: item.tagged.kind, result: 'accepted' });
      if (item.eventTimeMs) m.latency.observe(Math.max(0, now - item.eventTimeMs) / 1000);
      const stages = stagesOf(item, now);
      if (stages) for (const s of STAGES) m.stage[s].observe(Math.max(0, stages[s]) / 1000);
      d.onAccepted?.(item, now);
      d.cloudState({ ok: true, detail: 'events accepted' });
    },
    rejected(item) {
      m.eventsOut.inc({ kind: item.tagged.kind, result: 'rejected' });
      m.errors.inc({ kind: 'rejected' });
    },
    retried(item, f) {
      m.eventsOut.inc({ kind: item.tagged.kind, result: 'retried' });
      d.cloudState({ ok: false, detail: f.message });
    },
    request(n) {
      m.requests.observe(n);
      m.outbox.set(d.queues.size);
    },
    inDoubt(item, applied) {
      m.inDoubt.inc({ result: applied ? 'applied' : 'not-applied' });
      d.logger.info(
        { callUuid: item.callUuid, conversationId: item.conversationId, kind: item.tagged.kind, applied },
        applied ? 'event in doubt was applied: not sent again' : 'event in doubt was not applied: sending it',
      );
    },
  };
}
