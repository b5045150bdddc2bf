// Skill levels → proficiency (seed 003, "ACD skills"):
// 1. per skill, MIN and MAX of the levels across all persons in scope;
// 2. MIN/MAX outside [skill_level_min_value, skill_level_max_value] are replaced by that boundary;
// 3. proficiency = 5 × level / (MAX − MIN), rounded to one decimal.
// Then kept within Genesys Cloud's 0–5. When MAX = MIN (every holder has the same level, or both were
// clamped to one boundary) the formula divides by zero: every holder with a level above 0 then gets 5.0
// (they are all equally the best), a level of 0 or below gets 0.0. See docs/config-sync.md.
import type { EngagePerson } from '../model.ts';

export interface LevelRange {
  min: number;
  max: number;
}

export function levelRanges(
  persons: readonly Pick<EngagePerson, 'skills'>[],
  bounds: { min?: number; max?: number },
): Map<string, LevelRange> {
  const ranges = new Map<string, LevelRange>();
  for (const p of persons) {
    for (const s of p.skills) {
      const r = ranges.get(s.name);
      if (!r) ranges.set(s.name, { min: s.level, max: s.level });
      else {
        r.min = Math.min(r.min, s.level);
        r.max = Math.max(r.max, s.level);
      }
    }
  }
  for (const r of ranges.values()) {
    r.min = clampTo(r.min, bounds);
    r.max = clampTo(r.max, bounds);
  }
  return ranges;
}

function clampTo(v: number, b: { min?: number; max?: number }): number {
  if (b.min !== undefined && v < b.min) return b.min;
  if (b.max !== undefined && v > b.max) return b.max;
  return v;
}

export function proficiency(level: number, range: LevelRange): number {
  const span = range.max - range.min;
  const raw = span === 0 ? (level > 0 ? 5 : 0) : (5 * level) / span;
  const rounded = Math.round(raw * 10) / 10;
  return Math.min(5, Math.max(0, rounded));
}
