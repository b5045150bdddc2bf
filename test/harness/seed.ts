// Random choices in tests (kill times, orders) come from a seeded generator, and the seed is printed,
// so a failure can be repeated: TEST_SEED=<n> npm run test:unit -- <file>.
import { createRng, type Rng } from '../../src/lab/engage/configdb/random.ts';

export function seededRandom(what: string): Rng & { seed: number } {
  const fromEnv = Number(process.env.TEST_SEED);
  const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
  console.log(`# ${what}: seed ${seed} (TEST_SEED=${seed} repeats it)`);
  return { ...createRng(seed), seed };
}
