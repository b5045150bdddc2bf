// conversationRequests: a request holds two events of one conversation only when they commute
// (event-commute.ts); each conversation's events keep their order across requests; requests fill up
// across conversations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationRequests, type TaggedConversationEvent } from './areas/events.ts';
import { mayJoin } from './event-commute.ts';

const ev = (conversationId: string, n: number): TaggedConversationEvent => ({
  kind: 'communicationAnsweredEvents',
  event: { eventId: `${conversationId}-${n}`, eventDateTime: '', conversationId, communicationId: '' },
});
const on = (conversationId: string, n: number, kind: string, communicationId: string) =>
  ({
    kind,
    event: { eventId: `${conversationId}-${n}`, eventDateTime: '', conversationId, communicationId },
  }) as TaggedConversationEvent;
const ids = (reqs: TaggedConversationEvent[][]) => reqs.map((r) => r.map((e) => e.event.eventId));

test('conversationRequests: commuting events only per conversation per request, order kept, requests filled', () => {
  const cases: [name: string, events: TaggedConversationEvent[], limit: number, expected: string[][]][] = [
    [
      'one conversation: one request per event',
      [ev('a', 1), ev('a', 2), ev('a', 3)],
      100,
      [['a-1'], ['a-2'], ['a-3']],
    ],
    [
      'two interleaved conversations share requests',
      [ev('a', 1), ev('b', 1), ev('a', 2), ev('b', 2)],
      100,
      [
        ['a-1', 'b-1'],
        ['a-2', 'b-2'],
      ],
    ],
    [
      "the limit spills a conversation's first event into a later request",
      [ev('a', 1), ev('b', 1), ev('c', 1), ev('a', 2)],
      2,
      [
        ['a-1', 'b-1'],
        ['c-1', 'a-2'],
      ],
    ],
    [
      'a late conversation fills earlier requests with room',
      [ev('a', 1), ev('a', 2), ev('a', 3), ev('b', 1)],
      2,
      [['a-1', 'b-1'], ['a-2'], ['a-3']],
    ],
    [
      'events of one conversation that commute share a request',
      [
        on('a', 1, 'communicationEndedEvents', 'X'),
        on('a', 2, 'communicationEndedEvents', 'Y'),
        on('b', 1, 'communicationEndedEvents', 'X'),
      ],
      100,
      [['a-1', 'a-2', 'b-1']],
    ],
    [
      'one that does not starts the next request, and a later one joins only its own group',
      [
        on('a', 1, 'communicationEndedEvents', 'X'),
        on('a', 2, 'userEstablishedEvents', 'U'),
        on('a', 3, 'communicationAnsweredEvents', 'E'),
        on('a', 4, 'communicationEndedEvents', 'Y'),
      ],
      100,
      [['a-1'], ['a-2', 'a-3'], ['a-4']],
    ],
    [
      'a group stops at the limit',
      [on('a', 1, 'communicationEndedEvents', 'X'), on('a', 2, 'communicationEndedEvents', 'Y')],
      1,
      [['a-1'], ['a-2']],
    ],
    ['nothing to send', [], 10, []],
  ];
  for (const [name, events, limit, expected] of cases) {
    const reqs = conversationRequests(events, limit);
    assert.deepEqual(ids(reqs), expected, name);
    for (const r of reqs) {
      const byConv = new Map<string, TaggedConversationEvent[]>();
      for (const e of r) {
        const group = byConv.get(e.event.conversationId) ?? [];
        if (group.length) assert.ok(mayJoin(group, e), `${name}: ${e.event.eventId} commutes with its group`);
        byConv.set(e.event.conversationId, [...group, e]);
      }
      assert.ok(r.length <= limit, `${name}: at most ${limit}`);
    }
  }
});
