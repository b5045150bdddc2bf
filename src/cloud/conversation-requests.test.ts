// conversationRequests: no request holds two events of one conversation; each conversation's events keep
// their order across requests; requests fill up across conversations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationRequests, type TaggedConversationEvent } from './areas/events.ts';

const ev = (conversationId: string, n: number): TaggedConversationEvent => ({
  kind: 'communicationAnsweredEvents',
  event: { eventId: `${conversationId}-${n}`, eventDateTime: '', conversationId, communicationId: '' },
});
const ids = (reqs: TaggedConversationEvent[][]) => reqs.map((r) => r.map((e) => e.event.eventId));

test('conversationRequests: one event per conversation per request, order kept, requests filled', () => {
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
    ['nothing to send', [], 10, []],
  ];
  for (const [name, events, limit, expected] of cases) {
    const reqs = conversationRequests(events, limit);
    assert.deepEqual(ids(reqs), expected, name);
    for (const r of reqs) {
      const convs = r.map((e) => e.event.conversationId);
      assert.equal(new Set(convs).size, convs.length, `${name}: one event per conversation`);
      assert.ok(r.length <= limit, `${name}: at most ${limit}`);
    }
  }
});
