// Seed 003 "ACD skills": proficiency = 5 × level / (MAX − MIN), MIN/MAX clamped to the transaction's
// skill_level_min_value / skill_level_max_value, one decimal, within 0–5.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelRanges, proficiency } from './skills.ts';

test('proficiency from level and range', () => {
  const table: [number, number, number, number][] = [
    // level  MIN  MAX  → proficiency
    [10, 0, 10, 5],
    [5, 0, 10, 2.5],
    [1, 0, 3, 1.7],
    [2, 0, 3, 3.3],
    [0, 0, 10, 0],
    [100, 0, 10, 5], // above 5 → 5
    [-4, 0, 10, 0], // below 0 → 0
    [10, 1, 10, 5], // 5.56 → 5
    [7, 7, 7, 5], // MAX = MIN: every holder is the best
    [0, 0, 0, 0], // MAX = MIN with level 0
  ];
  for (const [level, min, max, want] of table) {
    assert.equal(proficiency(level, { min, max }), want, `level ${level} in [${min}, ${max}]`);
  }
});

test('MIN and MAX across persons, clamped to the transaction bounds', () => {
  const persons = [
    {
      skills: [
        { skillDbid: 1, name: 'Sales', level: 2 },
        { skillDbid: 2, name: 'Billing', level: 50 },
      ],
    },
    {
      skills: [
        { skillDbid: 1, name: 'Sales', level: 8 },
        { skillDbid: 2, name: 'Billing', level: -3 },
      ],
    },
  ];
  const table: [{ min?: number; max?: number }, string, number, number][] = [
    [{}, 'Sales', 2, 8],
    [{}, 'Billing', -3, 50],
    [{ min: 0, max: 10 }, 'Billing', 0, 10],
    [{ min: 3, max: 5 }, 'Sales', 3, 5],
    [{ min: 9 }, 'Sales', 9, 9],
  ];
  for (const [bounds, skill, min, max] of table) {
    assert.deepEqual(
      levelRanges(persons, bounds).get(skill),
      { min, max },
      `${skill} ${JSON.stringify(bounds)}`,
    );
  }
});
