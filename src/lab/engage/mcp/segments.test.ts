import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJsonLine } from '../../../engage/tlib/codec/decode.ts';
import { generateScenario, SCENARIO_NAMES, type ScenarioName } from '../sip-server/scenarios/index.ts';
import { generateTopology } from '../sip-server/topology.ts';
import { recordingFileName, recordingMetadata } from './metadata.ts';
import { SegmentTracker, type FinishedSegment } from './segments.ts';

const topology = generateTopology({ agents: 12 });
const agents = new Map(
  [...topology.home.agents, ...topology.remote.agents].map((a) => [a.extension, a.agentId]),
);

function run(name: ScenarioName, trunk = false) {
  const r = generateScenario(name, {
    topology,
    startUs: 1_700_000_000_000_000,
    timeScale: 1,
    callIndex: 1,
    runTag: 'beef',
  });
  const tracker = new SegmentTracker({ agentOf: (e) => agents.get(e), trunk });
  const segments: FinishedSegment[] = [];
  for (const ev of r.events) {
    if (ev.dn !== null) continue; // call monitoring only, as MCP's link gets it
    const d = decodeJsonLine(JSON.stringify(ev.body));
    assert.ok(d.ok, `${name}: ${ev.body.message} decodes`);
    segments.push(...tracker.apply(d.message));
  }
  return { r, segments, tracker };
}

describe('MCP segments from call monitoring', () => {
  it('records the answering agent from connected to released, with the call ANI, DNIS and ConnID', () => {
    const { r, segments } = run('answered-caller-hangs-up');
    assert.equal(segments.length, 1);
    const s = segments[0]!;
    assert.equal(s.kind, 'agent');
    assert.equal(s.callUuid, r.callUuid);
    assert.equal(s.connId, r.connId);
    assert.ok(r.extensions.includes(s.recordDn));
    assert.equal(s.agentId, agents.get(s.recordDn));
    assert.ok(s.ani && s.dnis);
    assert.ok(s.stopUs - s.startUs > 1_000_000, 'a real-time call lasts seconds');
    assert.equal(s.seq, 1);
  });

  it('masks a hold (paused, then resume) inside the segment', () => {
    const [s] = run('hold-retrieve').segments;
    assert.deepEqual(
      s!.masks.map((m) => m.type),
      ['paused', 'resume'],
    );
    assert.ok(s!.masks.every((m) => m.timeUs > s!.startUs && m.timeUs < s!.stopUs));
  });

  it('makes one segment per agent leg of a transfer, numbered in order, and a trunk segment when asked', () => {
    const { segments } = run('blind-transfer-agent', true);
    const legs = segments.filter((s) => s.kind === 'agent');
    assert.equal(legs.length, 2);
    assert.notEqual(legs[0]!.recordDn, legs[1]!.recordDn);
    const trunk = segments.filter((s) => s.kind === 'trunk');
    assert.equal(trunk.length, 1);
    assert.ok(trunk[0]!.startUs <= legs[0]!.startUs && trunk[0]!.stopUs >= legs[1]!.stopUs);
    assert.deepEqual(
      segments
        .filter((s) => s.callUuid === trunk[0]!.callUuid)
        .map((s) => s.seq)
        .sort(),
      [1, 2, 3].slice(0, segments.filter((s) => s.callUuid === trunk[0]!.callUuid).length),
    );
  });

  it('records nothing for calls no agent answers', () => {
    for (const name of ['ivr-only', 'queue-abandon'] as const)
      assert.deepEqual(
        run(name).segments.filter((s) => s.kind === 'agent'),
        [],
        name,
      );
  });

  it('ends every recording it starts and forgets every call, in every scenario', () => {
    for (const name of SCENARIO_NAMES) {
      const { segments, tracker } = run(name, true);
      assert.deepEqual(tracker.active, { calls: 0, recordings: 0 }, name);
      for (const s of segments) assert.ok(s.stopUs >= s.startUs, `${name}: segment ends after it starts`);
    }
  });

  it('names files as the public samples and describes them in the mediaFiles[] shape', () => {
    const [s] = run('answered-agent-hangs-up').segments;
    const name = recordingFileName(s!);
    assert.match(
      name,
      /^[0-9A-Z]{32}_\d+_[^_]+_[^_]*_[^_]*_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_-[0-9A-F]{8}-[0-9A-F]{8}-00000001\.opus$/,
    );
    assert.ok(name.startsWith(`${s!.callUuid}_${s!.recordDn}_${s!.agentId}_`));
    const m = recordingMetadata(
      s!,
      { url: `http://dav/recordings/${name}`, name, size: 1234 },
      { tenant: 'Resources', ivrProfile: 'record', sipsAppName: 'SIPServer' },
    );
    const f = m.mediaFiles[0]!;
    assert.deepEqual(f.mediaDescriptor, { path: `http://dav/recordings/${name}`, storage: 'webDAV' });
    assert.equal(f.type, 'audio/opus');
    assert.equal(f.size, '1234');
    assert.equal(f.duration, String(Math.round((s!.stopUs - s!.startUs) / 1e6)));
    assert.equal(f.mediaId, name);
    assert.equal(f.parameters.callUuid, s!.callUuid);
    assert.equal(f.parameters.recordDN, s!.recordDn);
    assert.equal(f.parameters.agentdn, s!.recordDn);
    assert.ok(name.startsWith(f.parameters.id));
    assert.equal(
      Date.parse(f.stopTime) - Date.parse(f.startTime),
      Math.floor(s!.stopUs / 1000) - Math.floor(s!.startUs / 1000),
    );
  });
});
