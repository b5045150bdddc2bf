import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TaggedConversationEvent } from './areas/events.ts';
import { mayJoin } from './event-commute.ts';

const ev = (kind: string, communicationId: string, invitedBy?: string): TaggedConversationEvent =>
  ({
    kind,
    event: {
      communicationId,
      ...(invitedBy ? { initialConfiguration: { invitedBy } } : {}),
    },
  }) as TaggedConversationEvent;

const answered = (c: string) => ev('communicationAnsweredEvents', c);
const ended = (c: string) => ev('communicationEndedEvents', c);
const held = (c: string) => ev('holdUpdatedEvents', c);
const wrapup = (c: string) => ev('communicationDispositionAppliedEvents', c);
const user = (c: string, by?: string) => ev('userEstablishedEvents', c, by);
const routing = (c: string, by?: string) => ev('routingEstablishedEvents', c, by);
const transfer = { kind: 'userTransferEvents', event: {} } as TaggedConversationEvent;

// [what is already in the request, the next event, may it join, why]
const table: [TaggedConversationEvent[], TaggedConversationEvent, boolean, string][] = [
  [[answered('U')], ended('Q'), true, 'the agent answers as the queue leg ends: different communications'],
  [[ended('U')], ended('E'), true, 'both parties hang up'],
  [[ended('U'), ended('E')], wrapup('X'), true, 'a third communication'],
  [[held('A')], user('B'), true, 'an agent holds while another joins, not invited by the holder'],
  [[ended('U')], wrapup('U'), false, 'the same communication: order matters'],
  [[answered('U')], held('U'), false, 'the same communication: order matters'],
  [[routing('Q', 'E')], user('U', 'Q'), false, 'invited by a communication established in the same request'],
  [[answered('Q')], user('U', 'Q'), false, 'invited by a member of the request'],
  [[user('U')], answered('E'), true, 'established and answered of another communication'],
  [
    [user('U')],
    routing('Q'),
    false,
    'two established: which one creates the conversation would depend on order',
  ],
  [[ended('I')], routing('Q'), false, 'ended with established: the conversation may have ended first'],
  [[user('U')], ended('I'), false, 'established with ended, either way round'],
  [[answered('U')], transfer, false, 'a transfer spans communications: alone'],
  [[transfer], answered('U'), false, 'nothing joins a transfer'],
  [[answered('U'), ended('Q')], ended('U'), false, 'the same communication as an earlier member'],
];

for (const [group, next, expected, why] of table) {
  it(`${expected ? 'joins' : 'goes alone'}: ${why}`, () => {
    assert.equal(mayJoin(group, next), expected);
  });
}
