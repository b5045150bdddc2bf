// `replay` without --dry-run: the replayed events go to Genesys Cloud through the same sender EXCP runs
// (a conversation's events share a request only when their order provably does not matter, the next
// only after the previous request was answered, retryable
// failures only retried, in-doubt events read back), with the outbox in memory: a replay is one process.
// The eventIds are the ones the live path gives the same T-Lib events, so a replay of calls EXCP already
// sent finds them taken (the API's answer to a repeated eventId is counted, never sent again).
import type { CloudClient } from '../../../cloud/index.ts';
import type { Logger } from '../../../core/logger.ts';
import type { OutEvent } from '../core/api.ts';
import { OutboxQueues } from '../sender/outbox-queues.ts';
import { ConversationSender } from '../sender/sender.ts';

export interface ReplaySendCounts {
  accepted: number;
  rejected: number;
  retried: number;
  requests: number;
}

export async function sendReplayed(
  events: readonly OutEvent[],
  o: { cloud: CloudClient; logger: Logger; batchLimit?: number },
): Promise<ReplaySendCounts> {
  const counts: ReplaySendCounts = { accepted: 0, rejected: 0, retried: 0, requests: 0 };
  const queues = new OutboxQueues();
  queues.add(
    events.map((e, i) => ({
      seq: i + 1,
      conversationId: e.conversationId,
      callUuid: e.callUuid,
      tagged: e.tagged,
      eventTimeMs: 0,
    })),
  );
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const check = () => {
    if (queues.size === 0) done();
  };
  const sender = new ConversationSender({
    queues,
    send: (list, so) =>
      o.cloud.events.conversations(list, { caller: 'replay', slotTaken: so?.slotTaken === true }),
    // One process, no fencing: the outbox lives as long as the replay.
    ack: async () => true,
    markSending: async () => true,
    readBack: (id) => o.cloud.conversations.getConversation(id),
    token: () => 1,
    nextFreeAt: () => o.cloud.limiter.nextFreeAt(),
    tryAcquire: () => o.cloud.limiter.tryAcquire(),
    batchLimit: o.batchLimit ?? 100,
    maxInFlight: 4,
    logger: o.logger,
    hooks: {
      accepted: () => void counts.accepted++,
      rejected: () => void counts.rejected++,
      retried: () => void counts.retried++,
      request: () => void counts.requests++,
      inDoubt: () => undefined,
    },
    onFenced: () => undefined,
  });
  sender.start();
  const poll = setInterval(check, 20);
  try {
    await finished;
    await sender.settled();
  } finally {
    clearInterval(poll);
    sender.stop();
  }
  return counts;
}
