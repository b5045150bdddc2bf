// Placeholder until the tracker lands: the seam (api.ts) is committed first so the shell can build on it.
import type { Directory, StepResult, TrackerInput, TrackerState } from './api.ts';

export function emptyTrackerState(): TrackerState {
  return { chains: {}, aliases: {}, dns: {} };
}

export function trackerStep(_state: TrackerState, _input: TrackerInput, _dir: Directory): StepResult {
  throw new Error('conversation tracker: not built yet');
}

export function expiredChains(_state: TrackerState, _nowMs: number, _graceMs: number): string[] {
  throw new Error('conversation tracker: not built yet');
}
