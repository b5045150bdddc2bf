// MCP's recording metadata (engage-recording.md §1) and GIR RWS's answer (§2): what is accepted, what is
// refused and with which message, and the segments made of them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  describeIssues,
  opusNameOf,
  parseTime,
  segmentsFromMcp,
  segmentsFromRws,
} from '../../src/services/conversation-provider/recording/metadata.ts';
import { rwsRecording } from '../../src/lab/engage/rws/recording.ts';

/** The RP test fixture of the reference, with WebDAV storage and an Opus type. */
const file = (over: Record<string, unknown> = {}, params: Record<string, unknown> = {}) => ({
  mediaDescriptor: { path: 'http://webdav:8088/recordings/x1.opus', storage: 'webDAV' },
  startTime: '2012-12-18T13:45:03.000Z',
  stopTime: '2012-12-18T14:15:03.000Z',
  mediaId: 'x1.opus',
  type: 'audio/opus',
  duration: '534',
  tenant: 'Environment',
  ivrprofile: 'record',
  size: '8544',
  parameters: {
    sipsAppName: 'sips1',
    record: 'source',
    recorddn: '2222',
    callUuid: 'CALL1',
    ani: '+14152213344',
    dnis: '+14155551234',
    agentdn: '2222',
    agentId: 'agent1',
    ...params,
  },
  masks: [
    { time: '2012-12-18T13:50:10.034Z', type: 'paused' },
    { time: '2012-12-18T13:51:10.000Z', type: 'resume' },
  ],
  ...over,
});

const problem = (body: unknown): string => {
  try {
    segmentsFromMcp(body);
  } catch (err) {
    if (err instanceof z.ZodError) return describeIssues(err);
    throw err;
  }
  return 'accepted';
};

describe('EXCP recording metadata: validation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['the reference fixture', { mediaFiles: [file()] }, /^accepted$/],
    [
      'unknown extra fields (pkcs7, other top-level keys)',
      { x: 1, mediaFiles: [file({ pkcs7: 'abc', certAlias: ['a'] })] },
      /^accepted$/,
    ],
    ['numbers for duration and size', { mediaFiles: [file({ duration: 534, size: 8544 })] }, /^accepted$/],
    [
      'RWS-style +0000 offsets',
      {
        mediaFiles: [
          file({ startTime: '2012-12-18T13:45:03.000+0000', stopTime: '2012-12-18T14:15:03+00:00' }),
        ],
      },
      /^accepted$/,
    ],
    [
      'callUUID spelled as in GIR',
      { mediaFiles: [file({}, { callUuid: undefined, callUUID: 'CALL1' })] },
      /^accepted$/,
    ],
    ['no mediaFiles', {}, /mediaFiles: /],
    ['an empty mediaFiles', { mediaFiles: [] }, /mediaFiles: .*1/],
    [
      'no mediaDescriptor',
      { mediaFiles: [file({ mediaDescriptor: undefined })] },
      /mediaFiles\.0\.mediaDescriptor/,
    ],
    [
      'an empty path',
      { mediaFiles: [file({ mediaDescriptor: { path: '', storage: 'webDAV' } })] },
      /mediaFiles\.0\.mediaDescriptor\.path/,
    ],
    [
      'a start time that is not a time',
      { mediaFiles: [file({ startTime: 'yesterday' })] },
      /mediaFiles\.0\.startTime: is not an ISO-8601 time/,
    ],
    [
      'a stop before the start',
      { mediaFiles: [file({ stopTime: '2012-12-18T13:00:00.000Z' })] },
      /mediaFiles\.0\.stopTime: is before startTime/,
    ],
    ['no mediaId', { mediaFiles: [file({ mediaId: undefined })] }, /mediaFiles\.0\.mediaId/],
    [
      'a duration that is not a number',
      { mediaFiles: [file({ duration: 'long' })] },
      /mediaFiles\.0\.duration/,
    ],
    [
      'no callUuid',
      { mediaFiles: [file({}, { callUuid: undefined })] },
      /mediaFiles\.0\.parameters\.callUuid: callUuid is required/,
    ],
    [
      'a mask of another type',
      { mediaFiles: [file({ masks: [{ time: '2012-12-18T13:50:10.034Z', type: 'stop' }] })] },
      /mediaFiles\.0\.masks\.0\.type/,
    ],
    [
      'parameters that are not an object',
      { mediaFiles: [file({ parameters: 'x' })] },
      /mediaFiles\.0\.parameters/,
    ],
    ['the second file bad', { mediaFiles: [file(), file({ type: '' })] }, /mediaFiles\.1\.type/],
  ];
  for (const [name, body, expected] of cases)
    it(`${name} → ${expected.source}`, () => assert.match(problem(body), expected));

  it('makes one segment per file: file URL, times, agent, recorded DN (any spelling), masks', () => {
    const [s] = segmentsFromMcp({
      mediaFiles: [file({}, { recorddn: undefined, recordDN: '7001', agentdn: undefined })],
    });
    assert.deepEqual(s, {
      segmentId: 'x1.opus',
      file: 'http://webdav:8088/recordings/x1.opus',
      mediaType: 'audio/opus',
      callUuid: 'CALL1',
      startMs: Date.parse('2012-12-18T13:45:03.000Z'),
      stopMs: Date.parse('2012-12-18T14:15:03.000Z'),
      agentId: 'agent1',
      recordDn: '7001',
      masks: [
        { timeMs: Date.parse('2012-12-18T13:50:10.034Z'), type: 'paused' },
        { timeMs: Date.parse('2012-12-18T13:51:10.000Z'), type: 'resume' },
      ],
      source: 'mcp',
    });
    const [t] = segmentsFromMcp({
      mediaFiles: [file({}, { recorddn: undefined, agentdn: '2233', agentId: undefined })],
    });
    assert.equal(t?.recordDn, '2233');
    assert.equal(t?.agentId, undefined);
  });

  it('reads times with Z, +00:00, +0000 and other offsets; refuses the rest', () => {
    assert.equal(parseTime('2014-08-25T09:05:33.000+0000'), Date.parse('2014-08-25T09:05:33.000Z'));
    assert.equal(parseTime('2014-08-25T11:05:33+02:00'), Date.parse('2014-08-25T09:05:33.000Z'));
    assert.equal(parseTime('2014-08-25T09:05:33Z'), Date.parse('2014-08-25T09:05:33.000Z'));
    for (const bad of ['2014-08-25 09:05:33', '2014-08-25T09:05:33', 'x', '2014-13-45T09:05:33Z'])
      assert.equal(parseTime(bad), undefined, bad);
  });

  it("reads RWS's answer (built by the lab simulator) into Opus segments in WebDAV", () => {
    const body = rwsRecording({
      callUuid: '00AG4FLN7C9VLDT3AONAHG5AES00001F',
      ani: '80060',
      dnis: '70005',
      segments: [
        {
          startMs: Date.parse('2014-08-25T09:05:33Z'),
          stopMs: Date.parse('2014-08-25T09:05:44Z'),
          agentId: '20001',
          recordDn: '80004',
          seq: 1,
        },
      ],
    });
    const [s] = segmentsFromRws(body, '00AG4FLN7C9VLDT3AONAHG5AES00001F');
    assert.ok(s);
    assert.match(
      s.file,
      /^00AG4FLN7C9VLDT3AONAHG5AES00001F_80004_20001_80060_70005_2014-08-25_09-05-33_-[0-9A-F]{8}-[0-9A-F]{8}-00000001\.opus$/,
    );
    assert.equal(s.segmentId, s.file);
    assert.equal(s.mediaType, 'audio/opus');
    assert.equal(s.agentId, '20001');
    assert.equal(s.recordDn, '80004');
    assert.equal(s.stopMs - s.startMs, 11_000);
    assert.equal(opusNameOf('a.b.mp3'), 'a.b.opus');
    assert.equal(opusNameOf('noext'), 'noext.opus');
    assert.throws(() => segmentsFromRws({ statusCode: 0 }, 'X'), /recording/);
  });
});
