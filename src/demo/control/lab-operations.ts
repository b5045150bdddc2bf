// The operator panel's lab buttons: traffic and scenarios (SIP Server simulator admin API), failovers
// (SIP Server and Stat Server simulators), Genesys Cloud outages and 429 storms (the emulator's fault
// API). Each drives a lab component over its pinned admin HTTP API, as a person with curl would.
import { z } from 'zod';
import type { DemoContext, DemoOperation } from '../../core/demo-component.ts';
import { SCENARIO_NAMES } from '../../lab/engage/sip-server/index.ts';

async function call(url: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new Error(
      `${method} ${new URL(url).pathname}: HTTP ${res.status} ${String(json.error ?? json.message ?? '')}`.trim(),
    );
  return json;
}

const number = (label: string, min: number, max: number) => (value: string | undefined) => {
  const parsed = z.coerce.number().min(min).max(max).safeParse(value);
  if (!parsed.success) throw new Error(`${label}: a number from ${min} to ${max} is expected`);
  return parsed.data;
};

/** Outage clears itself after its seconds; `timers` lets the demo cancel a pending clear on stop. */
export function labOperations(ctx: DemoContext, timers: Set<NodeJS.Timeout>): DemoOperation[] {
  const ops: DemoOperation[] = [];
  const sip = ctx.urls['sipAdmin'];
  const stat = ctx.urls['statAdmin'];
  const cloud = ctx.urls['cloud'];
  let lastCaps = ctx.options.caps > 0 ? ctx.options.caps : 0.5;
  if (sip) {
    const traffic = 'Traffic (SIP Server simulator)';
    const caps = number('calls per second', 0, 50);
    ops.push(
      {
        id: 'traffic-rate',
        label: 'Set call rate',
        group: traffic,
        input: { kind: 'number', label: 'calls/s', min: 0, max: 50, step: 0.1, value: ctx.options.caps },
        async run(value) {
          const r = caps(value);
          await call(`${sip}/traffic`, 'PUT', { caps: r });
          if (r > 0) lastCaps = r;
          return `${r} calls/s`;
        },
      },
      {
        id: 'traffic-stop',
        label: 'Stop traffic',
        group: traffic,
        async run() {
          await call(`${sip}/traffic`, 'PUT', { caps: 0 });
          return 'no new calls (calls in progress finish)';
        },
      },
      {
        id: 'traffic-start',
        label: 'Start traffic',
        group: traffic,
        async run() {
          await call(`${sip}/traffic`, 'PUT', { caps: lastCaps });
          return `${lastCaps} calls/s`;
        },
      },
      {
        id: 'play-scenario',
        label: 'Play',
        group: traffic,
        input: { kind: 'choice', label: 'scenario', choices: [...SCENARIO_NAMES] },
        async run(value) {
          if (!value || !(SCENARIO_NAMES as readonly string[]).includes(value))
            throw new Error(`scenario: one of ${SCENARIO_NAMES.join(', ')} is expected`);
          const r = await call(`${sip}/calls`, 'POST', { scenario: value });
          return `${value}: call ${String(r.callUuid)}, ends at ${String(r.endsAt)}`;
        },
      },
      {
        id: 'sip-switchover',
        label: 'Fail over SIP Server',
        group: 'Engage failover',
        async run() {
          await call(`${sip}/switchover`, 'POST');
          return 'the SIP Server backup is primary now';
        },
      },
    );
  }
  if (stat)
    ops.push({
      id: 'stat-switchover',
      label: 'Fail over Stat Server',
      group: 'Engage failover',
      async run() {
        await call(`${stat}/switchover`, 'POST');
        return 'the Stat Server backup is primary now';
      },
    });
  if (cloud) {
    const faults = 'Genesys Cloud faults';
    const seconds = number('seconds', 1, 600);
    ops.push(
      {
        id: 'cloud-outage',
        label: 'Outage',
        group: faults,
        input: { kind: 'number', label: 'seconds', min: 1, max: 600, value: 20 },
        async run(value) {
          const s = seconds(value);
          await call(`${cloud}/__emulator/faults`, 'PUT', {
            rules: [{ path: '/api/v2/*', errorRate: 1, errorStatus: 503 }],
          });
          const t = setTimeout(() => {
            timers.delete(t);
            call(`${cloud}/__emulator/faults`, 'DELETE').catch((err: unknown) =>
              ctx.io.err(`cannot end the outage: ${(err as Error).message}`),
            );
          }, s * 1000);
          timers.add(t);
          ctx.io.out(`Genesys Cloud outage for ${s} s (every API call answers 503)`);
          return `every API call answers 503 for ${s} s`;
        },
      },
      {
        id: 'cloud-429-storm',
        label: '429 storm',
        group: faults,
        input: { kind: 'number', label: 'seconds', min: 1, max: 600, value: 20 },
        async run(value) {
          const s = seconds(value);
          await call(`${cloud}/__emulator/faults`, 'PUT', {
            rules: [{ path: '/api/v2/*', storm429Seconds: s, retryAfterSeconds: 2 }],
          });
          ctx.io.out(`Genesys Cloud 429 storm for ${s} s`);
          return `every API call answers 429 (Retry-After 2) for ${s} s`;
        },
      },
      {
        id: 'cloud-clear',
        label: 'Clear faults',
        group: faults,
        async run() {
          await call(`${cloud}/__emulator/faults`, 'DELETE');
          return 'Genesys Cloud answers normally';
        },
      },
    );
  }
  return ops;
}
