// The one way tests wait: on a condition (never a fixed sleep standing in for one), or on an explicit
// quiet period after a marker when what is checked is that nothing more arrives.
import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Polls `probe` until it returns something other than undefined, null or false, and returns that;
 * throws naming `what` after the timeout (a number is the timeout in ms). A probe that throws fails the wait.
 */
export async function until(what, probe, opts = {}) {
    const { timeoutMs = 60_000, intervalMs = 25 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = await probe();
        if (v !== undefined && v !== null && v !== false)
            return v;
        if (Date.now() > deadline)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(intervalMs);
    }
}
/**
 * Waits until `count()` has not changed for `quietMs` (after a marker: something that must arrive before
 * the silence counts), and returns the final count. Fails after `timeoutMs` if it never goes quiet.
 */
export async function quietFor(what, count, quietMs, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let last = count();
    let since = Date.now();
    for (;;) {
        await sleep(Math.min(25, quietMs));
        const now = count();
        if (now !== last) {
            last = now;
            since = Date.now();
        }
        else if (Date.now() - since >= quietMs)
            return now;
        if (Date.now() > deadline)
            throw new Error(`${what} never went quiet for ${quietMs} ms`);
    }
}
//# sourceMappingURL=until.js.map