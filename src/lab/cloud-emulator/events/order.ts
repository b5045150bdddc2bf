// The order in which the emulator applies the arrays of one Events API request. The real API groups
// events by type and says nothing about the order it applies them in, so by default ('strict') the
// emulator picks its own: a seeded shuffle of the arrays (each array keeps its own order), logged per
// request so that a failing run can be replayed with the same seed. A sender that puts two dependent
// events of one conversation into one request then fails, as it may against the real service.
// 'sorted' is the old lenient replay: every event in eventDateTime order.

export type EventOrder = 'strict' | 'sorted';
export const EVENT_ORDERS: readonly EventOrder[] = ['strict', 'sorted'];

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher-Yates shuffle of a copy of `items`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
