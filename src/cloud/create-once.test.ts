import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOnce } from './create-once.ts';
import { CloudApiError } from './errors.ts';

const err = (status: number, ambiguous: boolean, code = `http.${status}`, message = 'x') =>
  new CloudApiError({
    status,
    code,
    message,
    retryable: status === 0 || status >= 500 || status === 429,
    ambiguous,
  });

interface Case {
  name: string;
  /** What each create attempt does: an error to throw, or 'ok'. */
  creates: (CloudApiError | 'ok')[];
  /** What each look-up finds. */
  finds: (string | undefined)[];
  expect: string | RegExp;
  createCalls: number;
  findCalls: number;
  /** How long a conflict keeps looking (default 0: one look-up). */
  findForMs?: number;
}

const cases: Case[] = [
  { name: 'plain success', creates: ['ok'], finds: [], expect: 'created', createCalls: 1, findCalls: 0 },
  {
    name: 'dropped after it happened: found',
    creates: [err(0, true)],
    finds: ['found'],
    expect: 'found',
    createCalls: 1,
    findCalls: 1,
  },
  {
    name: '5xx before it happened: created again',
    creates: [err(503, true), 'ok'],
    finds: [undefined],
    expect: 'created',
    createCalls: 2,
    findCalls: 1,
  },
  {
    name: 'conflict: the existing one',
    creates: [err(409, false)],
    finds: ['found'],
    expect: 'found',
    createCalls: 1,
    findCalls: 1,
  },
  {
    name: '400 duplicate name: the existing one',
    creates: [err(400, false, 'general.conflict', 'name already exists')],
    finds: ['found'],
    expect: 'found',
    createCalls: 1,
    findCalls: 1,
  },
  {
    name: 'conflict but absent: the error',
    creates: [err(409, false)],
    finds: [undefined],
    expect: /409/,
    createCalls: 1,
    findCalls: 1,
  },
  {
    name: 'conflict, visible only on the third look-up (reads lag writes): found',
    creates: [err(409, false)],
    finds: [undefined, undefined, 'existing'],
    expect: 'existing',
    createCalls: 1,
    findCalls: 3,
    findForMs: 5000,
  },
  {
    name: 'other 4xx: the error, no look-up',
    creates: [err(400, false, 'bad.request', 'name required')],
    finds: [],
    expect: /bad.request/,
    createCalls: 1,
    findCalls: 0,
  },
  {
    name: '429 exhausted (not ambiguous): the error',
    creates: [err(429, false)],
    finds: [],
    expect: /429/,
    createCalls: 1,
    findCalls: 0,
  },
  {
    name: 'bounded: gives up after maxAttempts',
    creates: [err(0, true), err(0, true), err(0, true)],
    finds: [undefined, undefined, undefined],
    expect: /network/,
    createCalls: 3,
    findCalls: 3,
  },
];

for (const c of cases) {
  test(`createOnce: ${c.name}`, async () => {
    let createCalls = 0;
    let findCalls = 0;
    const run = createOnce({
      create: async () => {
        const step = c.creates[createCalls++];
        if (step === undefined) throw new Error('unexpected create');
        if (step !== 'ok') throw step;
        return 'created';
      },
      find: async () => c.finds[findCalls++],
      maxAttempts: 3,
      backoff: { baseMs: 1, maxMs: 2 },
      findForMs: c.findForMs ?? 0,
    });
    if (typeof c.expect === 'string') assert.equal(await run, c.expect);
    else await assert.rejects(run, c.expect);
    assert.equal(createCalls, c.createCalls);
    assert.equal(findCalls, c.findCalls);
  });
}
