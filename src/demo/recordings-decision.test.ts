import assert from 'node:assert/strict';
import { it } from 'node:test';
import { redisServerOnPath } from '../services/recording-provider/demoComponent.ts';
import { withRecordingDecision } from './run-demo.ts';
import { demoComponents } from './components.ts';
import { demoBacking } from './backing.ts';

const base = { agents: 5, caps: 0, changes: false, open: false, freePorts: true };
const names = (recordings: boolean) =>
  demoComponents({ ...base, recordings }, demoBacking({})).map((c) => c.name);

it('runs the recording path on redis-server where it is, on the in-memory queue elsewhere', () => {
  assert.deepEqual(withRecordingDecision(base, true), {
    options: { ...base, recordings: true, recordingQueue: 'redis' },
  });
  const without = withRecordingDecision(base, false);
  assert.equal(without.options.recordings, true);
  assert.equal(without.options.recordingQueue, 'memory');
  assert.match(without.notice ?? '', /in-memory queue \(no redis-server on the PATH; jobs are not durable/);
  assert.equal(withRecordingDecision({ ...base, recordings: false }, false).options.recordings, false);
  assert.match(withRecordingDecision({ ...base, recordings: false }, true).notice ?? '', /--no-recordings/);
});

it('starts WebDAV, EXRP and its load balancer before the EXCP pair, its load balancer and MCP after', () => {
  assert.deepEqual(names(true).slice(-6), ['webdav', 'exrp', 'exrpLb', 'excp', 'excpLb', 'mcp']);
  assert.deepEqual(names(false).slice(-1), ['excp']);
  assert.ok(!names(false).some((n) => ['webdav', 'exrp', 'mcp'].includes(n)));
});

it('finds redis-server on a PATH, not on one without it', () => {
  assert.equal(redisServerOnPath('/nonexistent:/also-not'), false);
  assert.equal(redisServerOnPath(''), false);
});
