// Writes test/fixtures/tlib/excp-replay.log (three calls as the simulator plays them, printed the way
// SIP Server logs them) and excp-replay-mappings.json (what EXCS's mapping API answers for them).
// Run: node --import tsx test/conversation-provider/make-replay-fixture.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { TEvent } from '../../src/engage/tlib/index.ts';
import { makeWorld, scenarioInputs, type World } from './scenario-world.ts';
import { logText } from './tlib-log-text.ts';

export const REPLAY_SCENARIOS = ['answered-caller-hangs-up', 'consult-transfer-agent', 'internal'] as const;

/** The home site's events of the three calls, one after the other. */
export function replayEvents(w: World): TEvent[] {
  return REPLAY_SCENARIOS.flatMap((name, i) =>
    scenarioInputs(w, name, i + 1, 1_780_000_000_000_000 + i * 600_000_000).map((x) => x.event),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const w = makeWorld();
  const fixtures = new URL('../fixtures/tlib/', import.meta.url);
  writeFileSync(new URL('excp-replay.log', fixtures), logText('SIPS_A_P', replayEvents(w)));
  writeFileSync(new URL('excp-replay-mappings.json', fixtures), JSON.stringify(w.mappings, null, 1) + '\n');
}
