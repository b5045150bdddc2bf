// The SIP Server simulator: a hot-standby pair speaking the T-Lib JSON link (a second pair for the remote
// site of multi-site calls when asked for), call scenarios played one at a time or as traffic, file
// replay, and the admin HTTP API. Composition root only; the parts live beside it.
import { access } from 'node:fs/promises';
import type { Logger } from '../../../core/logger.ts';
import { silentLogger } from '../../../core/logger.ts';
import { buildAdmin } from './admin.ts';
import type { Lateness } from './lateness.ts';
import { EventPlayer } from './player.ts';
import { replayFile, type ReplayFormat, type ReplayResult } from './replay.ts';
import {
  generateScenario,
  isScenarioName,
  type ScenarioName,
  type ScenarioResult,
  type SiteKey,
} from './scenarios/index.ts';
import { SipServerPair, type PairState } from './server/pair.ts';
import { generateTopology, type SipTopology } from './topology.ts';
import { parseMix, TrafficDriver } from './traffic.ts';

export type { SipTopology, SipAgent, SipSite } from './topology.ts';
export { generateTopology, siteDns } from './topology.ts';
export { topologyFromSnapshot, type TopologyFromSnapshotOptions } from './topology-configdb.ts';
export {
  SCENARIO_NAMES,
  SCENARIO_OUTCOME,
  generateScenario,
  type ScenarioName,
  type ScenarioOutcome,
  type SimEvent,
} from './scenarios/index.ts';
export { checkScenarioEvents } from './scenarios/check.ts';
export { parseMix, type Mix } from './traffic.ts';
export type { ReplayFormat, ReplayResult } from './replay.ts';
export type { Lateness } from './lateness.ts';

export interface SipSimulatorOptions {
  host?: string;
  /** Primary / backup / admin ports; 0 (the default) picks free ones. */
  port?: number;
  backupPort?: number;
  /** null: no admin HTTP server. */
  adminPort?: number | null;
  /** Serve the remote site (multi-site calls) on its own pair; otherwise its events go to the home pair. */
  remote?: { port?: number; backupPort?: number };
  topology?: SipTopology;
  /** Multiplies every duration of a scenario (1 = real time; tests use 0.001 or less). */
  timeScale?: number;
  caps?: number;
  mix?: unknown;
  replay?: { file: string; speed: number; format?: ReplayFormat };
  logger?: Logger;
  /** Four hex digits that make this run's ConnIDs and CallUUIDs unique (random by default). */
  runTag?: string;
}

export interface PlayOptions {
  timeScale?: number;
  /** When the call starts (epoch ms); now by default. */
  startAtMs?: number;
}

export interface SipSimulator {
  primaryPort: number;
  backupPort: number;
  /** The remote site's pair, when it has its own. */
  remote?: { primaryPort: number; backupPort: number };
  adminUrl: string;
  topology: SipTopology;
  /** Plays one call now; answers its (first) CallUUID. */
  playScenario(name: ScenarioName, opts?: PlayOptions): string;
  /** The same, with every event the call will produce. */
  playScenarioDetailed(name: ScenarioName, opts?: PlayOptions): ScenarioResult;
  setTraffic(caps: number, mix?: unknown): void;
  switchover(): Promise<void>;
  killPrimary(): Promise<void>;
  restorePrimary(): Promise<void>;
  /** Queues a recording (JSON lines or a SIP Server log); resolves once every event is queued. */
  replay(file: string, speed: number, format?: ReplayFormat): Promise<ReplayResult>;
  state(): {
    pairs: PairState[];
    traffic: { caps: number; started: number };
    pendingEvents: number;
    played: number;
  };
  /** Holds playback (events queue up) until resume(). */
  pause(): void;
  resume(): void;
  /** Resolves when every queued event has been distributed. */
  drained(): Promise<void>;
  /** How late events went out after their T-Lib time, since the last call. */
  lateness(): Lateness;
  stop(): Promise<void>;
}

export async function startSipServerSimulator(opts: SipSimulatorOptions = {}): Promise<SipSimulator> {
  const logger = opts.logger ?? silentLogger();
  const host = opts.host ?? '127.0.0.1';
  const topology = opts.topology ?? generateTopology();
  const runTag =
    opts.runTag ??
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  const home = new SipServerPair({
    name: topology.home.switchName,
    host,
    port: opts.port ?? 0,
    backupPort: opts.backupPort ?? 0,
    logger,
  });
  const remote = opts.remote
    ? new SipServerPair({
        name: topology.remote.switchName,
        host,
        port: opts.remote.port ?? 0,
        backupPort: opts.remote.backupPort ?? 0,
        logger,
      })
    : home;
  const pairs = remote === home ? [home] : [home, remote];
  for (const p of pairs) await p.start();

  const player = new EventPlayer((site: SiteKey, ev) => (site === 'home' ? home : remote).distribute(ev));
  let callIndex = 0;
  const timeScale = opts.timeScale ?? 1;
  const play = (
    name: ScenarioName,
    busy?: ReadonlySet<string>,
    scale = timeScale,
    startAtMs = Date.now(),
  ): ScenarioResult => {
    const r = generateScenario(name, {
      topology,
      startUs: Math.round(startAtMs * 1000),
      timeScale: scale,
      callIndex: ++callIndex,
      runTag,
      ...(busy ? { busy } : {}),
    });
    player.add(r.events);
    logger.debug({ scenario: name, callUuid: r.callUuid, connId: r.connId }, 'call started');
    return r;
  };
  const traffic = new TrafficDriver((name, busy) => play(name, busy), 0, parseMix(opts.mix));

  const forAll = async (fn: (p: SipServerPair) => Promise<void> | void): Promise<void> => {
    for (const p of pairs) await fn(p);
  };
  const state = () => ({
    pairs: pairs.map((p) => p.state()),
    traffic: { caps: traffic.caps, started: traffic.started, mix: traffic.mix },
    pendingEvents: player.pending,
    played: player.played,
  });
  const startReplay = async (
    file: string,
    speed: number,
    format: ReplayFormat = 'auto',
  ): Promise<ReplayResult> => {
    await access(file);
    return replayFile(file, speed, player, format);
  };

  const admin =
    opts.adminPort === null
      ? undefined
      : buildAdmin({
          // A call played by hand during traffic takes free agents and keeps them busy.
          play: (name, scale) => {
            const r = play(name, traffic.busyNow(), scale ?? timeScale);
            traffic.occupy(r);
            return r;
          },
          setTraffic: (caps, mix) => {
            traffic.setRate(caps, mix);
            return { caps: traffic.caps, mix: traffic.mix };
          },
          traffic: () => ({ caps: traffic.caps, mix: traffic.mix, started: traffic.started }),
          switchover: async () => (await forAll((p) => p.switchover()), state()),
          killPrimary: async () => (await forAll((p) => p.killPrimary()), state()),
          restorePrimary: async () => (await forAll((p) => p.restorePrimary()), state()),
          replay: async (file, speed) => {
            await access(file);
            void replayFile(file, speed, player).then(
              (r) => logger.info({ file, events: r.events, skipped: r.skipped.length }, 'replay queued'),
              (err: unknown) => logger.error({ file, err }, 'replay failed'),
            );
            return { file, speed, started: true };
          },
          state,
        });
  let adminUrl = '';
  if (admin) adminUrl = await admin.listen({ port: opts.adminPort ?? 0, host });

  if (opts.caps) traffic.setRate(opts.caps);
  if (opts.replay) {
    const { file, speed, format } = opts.replay;
    void startReplay(file, speed, format).then(
      (r) => logger.info({ file, events: r.events, skipped: r.skipped.length }, 'replay queued'),
      (err: unknown) => logger.error({ file, err }, 'replay failed'),
    );
  }

  return {
    primaryPort: home.nodes[0].port,
    backupPort: home.nodes[1].port,
    ...(remote !== home
      ? { remote: { primaryPort: remote.nodes[0].port, backupPort: remote.nodes[1].port } }
      : {}),
    adminUrl,
    topology,
    playScenario: (name, o) => {
      if (!isScenarioName(name)) throw new Error(`unknown scenario "${String(name)}"`);
      return play(name, undefined, o?.timeScale ?? timeScale, o?.startAtMs).callUuid;
    },
    playScenarioDetailed: (name, o) => play(name, undefined, o?.timeScale ?? timeScale, o?.startAtMs),
    setTraffic: (caps, mix) => traffic.setRate(caps, mix === undefined ? undefined : parseMix(mix)),
    switchover: () => forAll((p) => p.switchover()),
    killPrimary: () => forAll((p) => p.killPrimary()),
    restorePrimary: () => forAll((p) => p.restorePrimary()),
    replay: startReplay,
    state,
    pause: () => player.pause(),
    resume: () => player.resume(),
    drained: async () => {
      while (player.pending > 0) await new Promise((r) => setTimeout(r, 5));
    },
    lateness: () => player.lateness.take(),
    stop: async () => {
      traffic.stop();
      player.stop();
      if (admin) await admin.close();
      await forAll((p) => p.stop());
    },
  };
}
