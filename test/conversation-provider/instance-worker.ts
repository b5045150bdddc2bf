// An EXCP instance of the lab in a worker thread (lab-instance.ts `startInThread`): its own event loop,
// as a deployed instance has its own process, while the lab shares this process's memory for setup.
// Answers the lab's questions (backlog, recorded stats) by message.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { silentLogger } from '../../src/core/logger.ts';
import { emptyStats, observeGc, recordingHooks, startInProcess, type ThreadData } from './lab-instance.ts';

const port = parentPort;
if (!port) throw new Error('run as a worker thread');
const data = workerData as ThreadData;

const stats = emptyStats();
const recording = data.record ? recordingHooks(stats) : {};
const delay = monitorEventLoopDelay({ resolution: 5 });
if (data.record) {
  delay.enable();
  observeGc(stats.gc);
  setInterval(() => {
    stats.heapPeakMb = Math.max(stats.heapPeakMb, getHeapStatistics().total_heap_size / 1e6);
  }, 250).unref();
}

try {
  const instance = await startInProcess(data.params, { ...data.options, ...recording }, silentLogger());
  port.on('message', (msg: { kind: 'backlog' | 'stats' | 'stop' }) => {
    if (msg.kind === 'backlog')
      void instance.backlog!().then((backlog) => port.postMessage({ kind: 'backlog', backlog }));
    if (msg.kind === 'stats') {
      stats.loopDelay = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
      delay.reset();
      port.postMessage({ kind: 'stats', stats: { ...stats } });
      // The hooks and the GC observer hold these objects: they are emptied in place.
      Object.assign(stats, { ...emptyStats(), gc: Object.assign(stats.gc, { total: 0, max: 0 }) });
    }
    if (msg.kind === 'stop') void instance.stop().then(() => port.postMessage({ kind: 'stopped' }));
  });
  port.postMessage({ kind: 'ready', url: instance.url });
} catch (err) {
  port.postMessage({ kind: 'failed', message: (err as Error).message });
}
