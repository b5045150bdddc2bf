// An isolated EXCP instance of the lab (lab-instance.ts `startIsolated`): in a worker thread (its data in
// `workerData`) or in a child process (its data as the one argument, messages over the IPC channel).
// Either way its own event loop, as a deployed instance has; answers the lab's questions by message.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { silentLogger } from '../../src/core/logger.ts';
import {
  emptyStats,
  observeGc,
  recordingHooks,
  startInProcess,
  type FromInstance,
  type IsolatedData,
  type ToInstance,
} from './lab-instance.ts';

const thread = parentPort;
const inChild = !thread && typeof process.send === 'function';
if (!thread && !inChild) throw new Error('run as a worker thread or a forked child process');
const data = (thread ? workerData : JSON.parse(process.argv[2] ?? '')) as IsolatedData;
const post = (m: FromInstance): void => {
  if (thread) thread.postMessage(m);
  else process.send!(m);
};
const onMessage = (h: (m: ToInstance) => void): void => {
  if (thread) thread.on('message', h);
  else process.on('message', (m) => h(m as ToInstance));
};

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
let elu = performance.eventLoopUtilization();
let cpu = process.cpuUsage();

try {
  const instance = await startInProcess(data.params, { ...data.options, ...recording }, silentLogger());
  onMessage((msg) => {
    if (msg.kind === 'backlog')
      void instance.backlog!().then((backlog) => post({ kind: 'backlog', backlog }));
    if (msg.kind === 'load') {
      const nowElu = performance.eventLoopUtilization();
      const used = process.cpuUsage(cpu);
      // A thread's CPU is already in its process's; a child's is not.
      const outsideCpuMs = inChild ? (used.user + used.system) / 1000 : 0;
      post({
        kind: 'load',
        load: { busy: performance.eventLoopUtilization(nowElu, elu).utilization, outsideCpuMs },
      });
      elu = nowElu;
      cpu = process.cpuUsage();
    }
    if (msg.kind === 'stats') {
      stats.loopDelay = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
      delay.reset();
      post({ kind: 'stats', stats: { ...stats } });
      // The hooks and the GC observer hold these objects: they are emptied in place.
      Object.assign(stats, { ...emptyStats(), gc: Object.assign(stats.gc, { total: 0, max: 0 }) });
    }
    if (msg.kind === 'stop') void instance.stop().then(() => post({ kind: 'stopped' }));
  });
  post({ kind: 'ready', url: instance.url });
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
