// How a step's slow events are spread in time. A p99 over the target can come from a general shift
// (every window has a few) or from a few episodes (some windows have hundreds, most none): the
// benchmark prints which, as the remedies differ.

export interface SlowWindows {
  /** Events over the threshold. */
  slow: number;
  /** Windows holding at least one of them. */
  windows: number;
  /** The most of them in one window. */
  worst: number;
}

/**
 * @param acceptedAt when each event was accepted (ms), aligned with `latencies`
 * @param latencies each event's latency (ms)
 */
export function slowWindows(
  acceptedAt: readonly number[],
  latencies: readonly number[],
  thresholdMs: number,
  windowMs = 500,
): SlowWindows {
  if (acceptedAt.length !== latencies.length)
    throw new Error(`${acceptedAt.length} acceptance times for ${latencies.length} latencies`);
  const per = new Map<number, number>();
  let slow = 0;
  for (let i = 0; i < latencies.length; i++) {
    if (latencies[i]! <= thresholdMs) continue;
    slow++;
    const w = Math.floor(acceptedAt[i]! / windowMs);
    per.set(w, (per.get(w) ?? 0) + 1);
  }
  return { slow, windows: per.size, worst: Math.max(0, ...per.values()) };
}
