// Issue 13's first "Done when", all real: the SIP Server simulator's calls, the MCP simulator recording
// them into Apache mod_dav (WebDAV) and posting their metadata through a real Debian nginx (rendered from
// a .env) to the EXCP pair, which sends each segment's interaction-end through the same nginx to two real
// EXRP (one BullMQ queue on Redis, EXEC_API_TOKEN enforced), which upload to the Genesys Cloud emulator.
// Every recorded segment of a mix of scenarios arrives decrypted, byte-equal to what MCP wrote, linked to
// its conversation and participant, with the STA program and language; nothing is left in WebDAV.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commonConfig } from '../../src/core/config/service-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { nginxPlan, readNginxTemplates, renderNginx } from '../../src/deploy/nginx.ts';
import { topologyAgents } from '../../src/lab/engage/mcp/agents.ts';
import { audioLengthMs } from '../../src/lab/engage/mcp/delivery.ts';
import { buildOpusFile, startMcpSimulator, type McpSimulator } from '../../src/lab/engage/mcp/index.ts';
import type { ScenarioName } from '../../src/lab/engage/sip-server/scenarios/index.ts';
import { recordingNames } from '../../src/services/recording-provider/format/names.ts';
import { createRecordingProvider } from '../../src/services/recording-provider/service.ts';
import { startService, type RunningService } from '../../src/services/runtime.ts';
import { MemoryStore } from '../../src/store/index.ts';
import { startApacheWebDav, type ApacheWebDav } from '../harness/apache-webdav.ts';
import { freePort, quietFor, testKeyPrefix, until } from '../harness/index.ts';
import { startNginx, type RunningNginx } from '../harness/nginx.ts';
import { startExcpLab, type ExcpLab, type OrgConversation } from '../conversation-provider/lab.ts';
import { transcribedOrg } from '../conversation-provider/recording-peers.ts';
import type { RecordingView } from '../recording-provider/rig.ts';

const TOKEN = 'Full-Chain-T0ken';
const DEFAULT_LANGUAGE = 'en-US';
const SCENARIOS: ScenarioName[] = [
  'answered-caller-hangs-up',
  'hold-retrieve',
  'blind-transfer-agent',
  'consult-transfer-agent',
  'multisite-routed',
  'agent-outbound',
  'conference',
  'supervision',
  'nested-consult',
];

describe(
  'the recording chain: simulators → WebDAV → EXCP pair → nginx → EXRP pair → org',
  { timeout: 90_000 },
  () => {
    let lab: ExcpLab;
    let nginx: RunningNginx;
    let dav: ApacheWebDav;
    let mcp: McpSimulator;
    const exrp: RunningService[] = [];
    const workDir = mkdtempSync(join(tmpdir(), 'exrp-chain-'));
    const ports = { excp: 0, exrp: 0, lbExcp: 0, lbExrp: 0 };
    let defaultProgram = '';
    let supportProgram = '';
    let supportQueue = '';

    before(async () => {
      for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
      const { plan, problems } = nginxPlan(
        {
          EXCP_1_VM_HOST_PAIR: '127.0.0.1,127.0.0.2',
          EXCP_1_PORT: String(ports.excp),
          EXRP_VM_HOST_LIST: '127.0.0.1,127.0.0.2',
          EXRP_PORT: String(ports.exrp),
          EXCP_RECORDING_PROCESSOR_PROXY_HOST: '127.0.0.1',
          EXCP_RECORDING_PROCESSOR_PROXY_PORT: String(ports.lbExrp),
        },
        { excpPort: ports.lbExcp },
      );
      assert.deepEqual(problems, []);
      nginx = await startNginx(renderNginx(plan, readNginxTemplates(), { listenAddress: '127.0.0.1' }), [
        ports.lbExcp,
        ports.lbExrp,
      ]);
      dav = await startApacheWebDav();
      lab = await startExcpLab({
        timeScale: 0.001,
        listen: (i) => ({ host: `127.0.0.${i + 1}`, port: ports.excp }),
        excp: {
          apiToken: TOKEN,
          recording: {
            exrpUrl: `http://127.0.0.1:${ports.lbExrp}`,
            settings: { enabled: true, sta: { defaultLanguage: DEFAULT_LANGUAGE } },
            settleMs: 300,
            pollMs: 50,
            retry: { baseMs: 100, maxMs: 400 },
            staRefreshMs: 200,
          },
        },
      });
      ({ supportQueue, supportProgram, defaultProgram } = await transcribedOrg(lab));
      const redis = new URL(lab.redisUrl);
      for (const host of ['127.0.0.1', '127.0.0.2']) {
        const config = commonConfig(
          'exrp',
          {
            EXRP_PORT: ports.exrp,
            EXEC_API_TOKEN: TOKEN,
            EXEC_REDIS_HOST: redis.hostname,
            EXEC_REDIS_PORT: redis.port,
            EXEC_REDIS_KEY_PREFIX: testKeyPrefix('exrp-chain'),
            EXRP_WORK_DIR: workDir,
            EXRP_CONFIRM_INTERVAL_MS: 200,
          },
          [dav.password],
        );
        exrp.push(
          await startService(
            {
              name: 'exrp',
              port: () => ports.exrp,
              create: (deps) =>
                createRecordingProvider(deps, {
                  settings: {
                    webdav: { url: dav.url, username: dav.user, password: dav.password },
                    cloud: {
                      apiUrl: lab.emulator.url,
                      authUrl: lab.emulator.url,
                      clientId: lab.emulator.clientId,
                      clientSecret: lab.emulator.clientSecret,
                    },
                  },
                }),
            },
            { config, store: new MemoryStore(), logger: silentLogger(), host, port: ports.exrp },
          ),
        );
      }
      await until(
        'both EXCP instances read the STA settings',
        () =>
          lab.instances.every(
            (i) =>
              i.excp?.recording?.sta()?.queuePrograms[supportQueue] === supportProgram &&
              Object.values(i.excp.recording.sta()?.queueTranscription ?? {}).every(Boolean),
          ),
        { timeoutMs: 10_000, intervalMs: 50 },
      );
      await lab.ready();
      mcp = startMcpSimulator({
        servers: lab.servers.call,
        agents: topologyAgents(lab.sim.topology),
        config: {
          recdest: dav.url,
          httpAuthorization: `${dav.user}:${dav.password}`,
          callrecDest: `http://127.0.0.1:${ports.lbExcp}/api/v1/recording`,
          retry: { retries: 8, backoffMs: 100, maxBackoffMs: 1000, timeoutMs: 5000 },
          audio: { minMs: 500, maxMs: 3000 },
        },
      });
      await mcp.ready(10_000);
    });

    after(async () => {
      await mcp?.stop();
      for (const s of exrp) await s.stop().catch(() => undefined);
      await lab?.stop();
      await nginx?.stop();
      await dav?.stop();
      rmSync(workDir, { recursive: true, force: true });
    });

    it('every recorded segment arrives decrypted, byte-equal, linked, with its program and language', async () => {
      // Every CallUUID of a scenario (a consult or a multi-site leg has its own) → its first one and name.
      const calls = new Map<string, { first: string; name: ScenarioName }>();
      for (const name of SCENARIOS) {
        const played = lab.sim.playScenarioDetailed(name);
        for (const e of played.events) {
          const uuid = e.body.AttributeCallUUID;
          if (typeof uuid === 'string') calls.set(uuid, { first: played.callUuid, name });
        }
        await lab.sim.drained();
      }
      const firsts = () => new Set([...calls.values()].map((c) => c.first));
      const mine = () => mcp.results().filter((r) => calls.has(r.segment.callUuid));
      await until(
        'a segment of every call',
        () => new Set(mine().map((r) => calls.get(r.segment.callUuid)!.first)).size === firsts().size,
        {
          timeoutMs: 30_000,
          intervalMs: 100,
        },
      );
      // MCP posts a call's segments as its legs end: once none has come for a while, all have.
      await quietFor(
        'MCP delivering',
        () => mine().length + mcp.stats().queued + mcp.stats().inFlight,
        1500,
        30_000,
      );
      const results = mine();
      assert.ok(results.length > firsts().size, 'some calls have several recorded segments');
      for (const r of results) assert.equal(r.outcome, 'delivered', `${r.fileName}: ${r.error}`);
      const recordings = async () =>
        (await (await fetch(`${lab.emulator.url}/__emulator/recordings`)).json()) as RecordingView[];
      await until(
        'a recording in the org for every segment',
        async () => {
          const names = new Set((await recordings()).map((x) => x.fileName));
          return results.every((r) => names.has(recordingNames(r.fileName).recording));
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const conversations = await lab.conversations();
      const userOfAgent = (agentId: string | undefined) =>
        lab.mappings.users.find((u) => u.agentLogins.some((l) => l.code === agentId))?.cloudId;
      const all = await recordings();
      let toFirstParty = 0;
      for (const r of results) {
        const call = calls.get(r.segment.callUuid)!;
        const what = `${call.name} ${r.fileName}`;
        const got = all.filter((x) => x.fileName === recordingNames(r.fileName).recording);
        assert.equal(got.length, 1, `${what}: uploaded once`);
        const rec = got[0]!;
        const conv = conversations.find((c: OrgConversation) => c.interactionId === call.first);
        assert.ok(conv, `${what}: its conversation`);
        assert.equal(rec.conversationId, conv.id, what);
        const userId = userOfAgent(r.segment.agentId);
        const mine = conv.participants.filter((p) => p.purpose === 'user' && p.userId === userId);
        if (mine.length) {
          assert.ok(
            mine.some((p) => p.communicationId === rec.participantId),
            `${what}: linked to the agent's participant`,
          );
          assert.equal(rec.userId, userId, what);
        } else {
          // A party of a suspended call never injected: linked to the first party (seed 003, Limitations).
          toFirstParty++;
          assert.equal(rec.participantId, conv.participants[0]!.communicationId, what);
        }
        assert.equal(rec.language, DEFAULT_LANGUAGE, what);
        assert.ok(rec.programId === supportProgram || rec.programId === defaultProgram, what);
        if (['answered-caller-hangs-up', 'hold-retrieve'].includes(call.name)) {
          const queue = conv.participants.find((p) => p.purpose === 'routing')?.queueId;
          assert.equal(rec.programId, queue === supportQueue ? supportProgram : defaultProgram, what);
        }
        const audio = await fetch(rec.audioUrl);
        assert.equal(audio.status, 200);
        assert.equal(audio.headers.get('content-type'), 'audio/ogg');
        const written = buildOpusFile({
          durationMs: audioLengthMs(r.segment, mcp.config.audio),
          channels: mcp.config.audio.channels,
          packetBytes: mcp.config.audio.packetBytes,
          comments: { EXEC_CALLUUID: r.segment.callUuid, EXEC_MEDIAID: r.fileName },
        });
        assert.equal(written.length, r.size, `${what}: the file rebuilt is the one MCP wrote`);
        assert.ok(Buffer.from(await audio.arrayBuffer()).equals(written), `${what}: byte-equal audio`);
      }
      assert.ok(toFirstParty >= 1, 'a suspended call has a party never injected');
      await until('nothing left in WebDAV', () => readdirSync(dav.dir).length === 0, 15_000);
      const counter = async (s: RunningService, name: string) =>
        (await s.deps.registry.getSingleMetric(name)?.get())?.values.reduce((a, v) => a + v.value, 0) ?? 0;
      const uploaded = async () =>
        (await Promise.all(exrp.map((s) => counter(s, 'exec_exrp_recordings_uploaded_total')))).reduce(
          (a, b) => a + b,
          0,
        );
      // A job is counted as it completes, just after its WebDAV file is deleted.
      await until('every upload counted', async () => (await uploaded()) >= results.length, 10_000);
      assert.equal(await uploaded(), results.length, 'each segment uploaded once');
      for (const s of exrp)
        assert.ok(
          (await counter(s, 'exec_exrp_interactions_received_total')) > 0,
          'nginx spread the requests',
        );
    });
  },
);
