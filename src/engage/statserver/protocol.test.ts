import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highestPriority } from './codes.ts';
import {
  encodeLine,
  eventTimeOf,
  LineDecoder,
  parseClientMessage,
  parseServerMessage,
  toEpochMs,
} from './protocol.ts';

describe('Stat Server link codec', () => {
  const good: [string, string][] = [
    ['EventServerMode', '{"event":"EventServerMode","mode":"backup"}'],
    ['EventStatisticOpened', '{"event":"EventStatisticOpened","referenceId":7}'],
    ['EventError', '{"event":"EventError","referenceId":7,"code":1001,"message":"unknown agent"}'],
    ['Pong', '{"event":"Pong","id":3}'],
    [
      'EventInfo (logged out)',
      '{"event":"EventInfo","referenceId":7,"time":{"sec":1700000000,"usec":250000},"stateValue":{"agentId":"5001","status":23,"place":null}}',
    ],
    [
      'EventInfo (tree with reasons)',
      '{"event":"EventInfo","referenceId":8,"time":{"sec":1,"usec":0},"stateValue":{"agentId":"5001","loginId":"l","status":8,"time":{"sec":1,"usec":0},"place":{"placeId":"p","status":8,"dnStatuses":[{"dnId":"7001","switchId":"SIP","dnType":"Extension","status":8,"time":1.5,"actions":[{"action":8,"time":1.5,"reasons":{"ReasonCode":"Break"}}]}]}},"extra":true}',
    ],
  ];
  for (const [name, line] of good) {
    it(`accepts ${name}`, () => {
      const p = parseServerMessage(line);
      assert.ok(p.ok, p.ok ? '' : p.error);
    });
  }

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"event":', /not JSON/],
    ['unknown event', '{"event":"EventNobodyKnows"}', /event/],
    ['mode outside the enum', '{"event":"EventServerMode","mode":"standby"}', /mode/],
    ['referenceId not an integer', '{"event":"EventStatisticOpened","referenceId":"7"}', /referenceId/],
    [
      'EventInfo without stateValue',
      '{"event":"EventInfo","referenceId":7,"time":{"sec":1,"usec":0}}',
      /stateValue/,
    ],
    [
      'usec out of range',
      '{"event":"EventInfo","referenceId":7,"time":{"sec":1,"usec":1000000},"stateValue":{"agentId":"a","status":4}}',
      /time\.usec/,
    ],
    [
      'action not a number',
      '{"event":"EventInfo","referenceId":7,"time":{"sec":1,"usec":0},"stateValue":{"agentId":"a","status":4,"place":{"placeId":"p","dnStatuses":[{"dnId":"d","status":4,"actions":[{"action":"4"}]}]}}}',
      /actions\.0\.action/,
    ],
  ];
  for (const [name, line, where] of bad) {
    it(`rejects ${name}, saying where`, () => {
      const p = parseServerMessage(line);
      assert.equal(p.ok, false);
      if (!p.ok) assert.match(p.error, where);
    });
  }

  it('round-trips client requests', () => {
    const open = {
      request: 'RequestOpenStatisticEx' as const,
      referenceId: 7,
      object: { type: 'Agent' as const, id: '5001', tenant: 'Resources' },
      metric: { category: 'CurrentStateReason' as const, subject: 'DNAction' as const },
      notification: 'Immediate' as const,
    };
    const line = encodeLine(open);
    assert.ok(line.endsWith('\n'));
    assert.deepEqual(parseClientMessage(line.trim()), { ok: true, message: open });
    assert.equal(parseClientMessage('{"request":"RequestOpenStatisticEx","referenceId":1}').ok, false);
  });

  it('splits lines across chunks and drops runaway lines', () => {
    const d = new LineDecoder(64);
    assert.deepEqual(d.push('{"a":1}\n{"b"'), { lines: ['{"a":1}'], tooLong: 0 });
    assert.deepEqual(d.push(':2}\r\n\n'), { lines: ['{"b":2}'], tooLong: 0 });
    assert.deepEqual(d.push('x'.repeat(100)), { lines: [], tooLong: 1 });
    assert.deepEqual(d.push('y'.repeat(10) + '\n{"c":3}\n'), { lines: ['{"c":3}'], tooLong: 0 });
  });

  it('decodes a multi-byte character split across chunks, at every split point', () => {
    const bytes = Buffer.from(
      encodeLine({ event: 'Pong', id: 'Réunion 東京 🎧' }) + encodeLine({ event: 'Pong', id: 'ß' }),
    );
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = new LineDecoder();
      const lines = [...d.push(bytes.subarray(0, cut)).lines, ...d.push(bytes.subarray(cut)).lines];
      assert.deepEqual(
        lines.map((l) => parseServerMessage(l)),
        [
          { ok: true, message: { event: 'Pong', id: 'Réunion 東京 🎧' } },
          { ok: true, message: { event: 'Pong', id: 'ß' } },
        ],
        `split after byte ${cut}`,
      );
    }
    const oneByOne = new LineDecoder();
    const lines = [...bytes].flatMap((b) => oneByOne.push(Buffer.from([b])).lines);
    assert.equal(lines.length, 2);
    assert.ok(lines[0]?.includes('Réunion 東京 🎧'));
  });

  it('converts times', () => {
    assert.equal(toEpochMs({ sec: 1700000000, usec: 250999 }), 1700000000250);
    assert.equal(toEpochMs(1700000000.25), 1700000000250);
    assert.deepEqual(eventTimeOf(1700000000250), { sec: 1700000000, usec: 250000 });
  });

  it('ranks statuses by the reference priority', () => {
    assert.equal(highestPriority([4, 22]), 22);
    assert.equal(highestPriority([8, 9]), 9);
    assert.equal(highestPriority([20, 13]), 20);
    assert.equal(highestPriority([23, 22]), 23);
    assert.equal(highestPriority([]), undefined);
  });
});
