// What the processor's outcomes mean for the outside: metrics per event processed, per call outcome
// (suspended, not injected, ignored, expired) and of the tracker's size, and a log line per outcome
// with the call's CallUUID and ConnID (per event too, at debug level).
import type { Logger } from '../../../core/logger.ts';
import { attrString } from '../../../engage/tlib/index.ts';
import type { ExcpMetrics } from '../metrics.ts';
import type { ProcessorHooks } from './processor.ts';

export function processorHooks(d: { metrics: ExcpMetrics; logger: Logger }): ProcessorHooks {
  const m = d.metrics;
  const log = d.logger;
  return {
    processed(input) {
      m.processed.inc({ link: input.link, type: input.event.name });
      if (log.isLevelEnabled('debug')) {
        log.debug(
          {
            link: input.link,
            site: input.site,
            event: input.event.name,
            callUuid: attrString(input.event, 'AttributeCallUUID'),
            connId: attrString(input.event, 'AttributeConnID'),
          },
          'T-Lib event processed',
        );
      }
    },
    notes(notes) {
      for (const n of notes) {
        m.calls.inc({ outcome: n.kind, reason: n.reason });
        log.info(
          {
            callUuid: n.callUuid,
            connId: n.connId,
            conversationId: n.conversationId,
            event: n.event,
            outcome: n.kind,
            reason: n.reason,
          },
          n.detail,
        );
      }
    },
    stepFailed() {
      m.errors.inc({ kind: 'tracker' });
    },
    expired(n) {
      m.calls.inc({ outcome: 'ended', reason: 'expired' }, n);
    },
    size(chains) {
      m.active.set(chains);
    },
  };
}
