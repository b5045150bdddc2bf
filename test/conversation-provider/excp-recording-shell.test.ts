// The recording shell on the in-memory store (the demo's store): what the metadata endpoint does with a
// body once the call is known — disabled, GIR mode, invalid, unknown, stored — and the options read from
// the transaction (EXCS) rather than given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { ApiError } from '../../src/core/http/envelope.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createRecording } from '../../src/services/conversation-provider/recording/index.ts';
import { MemoryStore } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';

const body = (callUuid: string, mediaId = 'm1.opus') => ({
  mediaFiles: [
    {
      mediaDescriptor: { path: `http://webdav/${mediaId}`, storage: 'webDAV' },
      startTime: '2026-01-01T10:00:00.000Z',
      stopTime: '2026-01-01T10:01:00.000Z',
      mediaId,
      type: 'audio/opus',
      parameters: { callUuid, agentId: '1001', recordDN: '6001' },
    },
  ],
});

async function shell(section: Record<string, unknown>, girHost?: string) {
  const store = new MemoryStore();
  await store.hset(keys.excp.aliases('g'), { 'call:KNOWN': 'KNOWN' });
  const rec = createRecording(
    {
      store,
      group: 'g',
      logger: silentLogger(),
      registry: new Registry(),
      cloud: () => Promise.reject(new Error('no cloud in this test')),
      transaction: async () => section,
      isLeader: () => false,
    },
    { exrpUrl: 'http://127.0.0.1:9', pollMs: 20, settingsRefreshMs: 20, ...(girHost ? { girHost } : {}) },
  );
  rec.start();
  await new Promise((r) => setTimeout(r, 60));
  return { rec, store };
}

describe('EXCP recording shell (memory store)', () => {
  it('stores a known call’s segments when recording_enabled is True; repeats are recognised', async () => {
    const { rec, store } = await shell({ recording_enabled: 'True', sta_default_language: 'en-US' });
    try {
      assert.equal(rec.settings()?.enabled, true);
      assert.equal(await rec.knows('KNOWN'), true);
      assert.equal(await rec.knows('OTHER'), false);
      const r = await rec.accept(body('KNOWN'));
      assert.equal(r.message, 'Recording metadata stored');
      assert.deepEqual(r.data, { callUuid: 'KNOWN', segments: ['m1.opus'], stored: 1 });
      assert.equal(((await rec.accept(body('KNOWN'))).data as { stored: number }).stored, 0);
      const segs = await store.hgetall(keys.excpRec.segments('g', 'KNOWN'));
      assert.deepEqual(Object.keys(segs), ['m1.opus']);
      assert.deepEqual(await rec.store.due(), [], 'the call has not ended: nothing due');
    } finally {
      await rec.stop();
    }
  });

  it('refuses bad metadata (400 40002) and a file of an unknown call (404 40402)', async () => {
    const { rec } = await shell({ recording_enabled: 'true' });
    try {
      const bad = body('KNOWN');
      bad.mediaFiles[0]!.stopTime = '2025-01-01T00:00:00Z';
      await assert.rejects(
        rec.accept(bad),
        (e: unknown) =>
          e instanceof ApiError && e.code === 40002 && /stopTime: is before startTime/.test(e.message),
      );
      const two = body('KNOWN');
      two.mediaFiles.push(body('OTHER', 'm2.opus').mediaFiles[0]!);
      await assert.rejects(rec.accept(two), (e: unknown) => e instanceof ApiError && e.code === 40402);
    } finally {
      await rec.stop();
    }
  });

  it('disabled (the default) or GIR mode: 2xx and nothing stored', async () => {
    for (const [section, gir, message] of [
      [{}, undefined, /disabled/],
      [{ recording_enabled: 'True' }, 'rws:443', /GIR mode/],
    ] as const) {
      const { rec, store } = await shell(section, gir);
      try {
        const r = await rec.accept(body('KNOWN'));
        assert.match(r.message, message);
        assert.deepEqual(await store.hgetall(keys.excpRec.segments('g', 'KNOWN')), {});
      } finally {
        await rec.stop();
      }
    }
  });

  it('keeps the last valid options when the transaction turns invalid, and says so in health', async () => {
    const section: Record<string, unknown> = { recording_enabled: 'True' };
    const { rec } = await shell(section);
    try {
      section.recording_enabled = 'perhaps';
      await new Promise((r) => setTimeout(r, 80));
      assert.equal(rec.settings()?.enabled, true);
      const h = await rec.health.check();
      assert.equal(h.ok, false);
      assert.match(h.detail ?? '', /conversation_provider\/recording_enabled: is not true or false/);
    } finally {
      await rec.stop();
    }
  });
});
