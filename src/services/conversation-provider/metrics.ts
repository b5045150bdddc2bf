// EXCP metrics (exec_excp_*). The links add their own (exec_tlib_link_*, per link vq/agent/call) and the
// cloud client its own (exec_cloud_*).
import { Counter, Gauge, Histogram, perEventCounter, type Registry } from '../../core/metrics.ts';
import { STAGES } from './sender/outbox-queues.ts';

export function createExcpMetrics(registry: Registry) {
  const r = [registry];
  const stage = new Histogram({
    name: 'exec_excp_stage_seconds',
    help: 'Where an accepted event spent its time, by hop: received (T-Lib event time to the instance), processed (re-ordering window, tracker, commit), queued (waiting for its request), sent (marked in Redis, the Events API request)',
    labelNames: ['stage'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: r,
  });
  return {
    /** One child per hop, made once: observed for every accepted event. */
    stage: Object.fromEntries(STAGES.map((s) => [s, stage.labels(s)])) as Record<
      (typeof STAGES)[number],
      ReturnType<typeof stage.labels>
    >,
    eventsIn: perEventCounter(
      new Counter({
        name: 'exec_excp_events_in_total',
        help: 'T-Lib events received by this instance, by link, message and server (before de-duplication between the instances)',
        labelNames: ['link', 'type', 'server'],
        registers: r,
      }),
    ),
    appended: new Counter({
      name: 'exec_excp_inbox_appended_total',
      help: 'Events this instance appended to the shared inbox (first of the pair to report them)',
      registers: r,
    }),
    deduplicated: new Counter({
      name: 'exec_excp_deduplicated_total',
      help: 'Events this instance offered that the other instance had already appended',
      registers: r,
    }),
    dropped: new Counter({
      name: 'exec_excp_inbox_dropped_total',
      help: 'Events dropped unappended because Redis was away too long (the buffer bound)',
      registers: r,
    }),
    processed: perEventCounter(
      new Counter({
        name: 'exec_excp_events_processed_total',
        help: 'Events run through the call tracker (by the lease holder), by link and message',
        labelNames: ['link', 'type'],
        registers: r,
      }),
    ),
    calls: new Counter({
      name: 'exec_excp_calls_total',
      help: 'Calls by what became of them: suspended, not-injected, ignored, unrecognised (by reason), ended',
      labelNames: ['outcome', 'reason'],
      registers: r,
    }),
    active: new Gauge({
      name: 'exec_excp_calls_active',
      help: 'Conversations the tracker holds (live, or ended within the grace period)',
      registers: r,
    }),
    eventsOut: perEventCounter(
      new Counter({
        name: 'exec_excp_events_out_total',
        help: 'Conversation events sent to Genesys Cloud by array and result (accepted, rejected, retried)',
        labelNames: ['kind', 'result'],
        registers: r,
      }),
    ),
    latency: new Histogram({
      name: 'exec_excp_send_latency_seconds',
      help: 'From the T-Lib event time to Genesys Cloud accepting the conversation event it produced',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: r,
    }),
    requests: new Histogram({
      name: 'exec_excp_request_events',
      help: 'Events per Events API request',
      buckets: [1, 2, 5, 10, 20, 50, 75, 90, 100],
      registers: r,
    }),
    outbox: new Gauge({
      name: 'exec_excp_outbox_events',
      help: 'Conversation events waiting to be sent (on the lease holder)',
      registers: r,
    }),
    leader: new Gauge({
      name: 'exec_excp_lease_held',
      help: '1 while this instance holds the processing lease',
      registers: r,
    }),
    leaseChanges: new Counter({
      name: 'exec_excp_lease_changes_total',
      help: 'Times this instance took or lost the processing lease',
      labelNames: ['change'],
      registers: r,
    }),
    inDoubt: new Counter({
      name: 'exec_excp_events_in_doubt_total',
      help: 'Events whose answer was lost, read back: applied (not sent again) or not (sent again)',
      labelNames: ['result'],
      registers: r,
    }),
    errors: new Counter({
      name: 'exec_excp_errors_total',
      help: 'Errors by kind (store, excs, tracker, rejected, fenced)',
      labelNames: ['kind'],
      registers: r,
    }),
  };
}

export type ExcpMetrics = ReturnType<typeof createExcpMetrics>;
