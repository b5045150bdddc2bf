// Seed 003 "Synchronization of Queues": AG/VAG → VQ links by hybrid/WFM_queue_number, VAG scripts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngageAgentGroup, EngageDn, EngagePerson } from '../model.ts';
import { resolveQueueLinks } from './members.ts';
import { evalVag, parseVagScript, VagParseError } from './vagScript.ts';
import { engagePerson } from './test-fixtures.ts';

const vq = (dbid: number, number: string, sw: string): EngageDn => ({
  dbid,
  number,
  type: 5,
  switch: sw,
  enabled: true,
  folders: [],
});
const person = (dbid: number, skills: [string, number][] = []): EngagePerson =>
  engagePerson(dbid, {
    userName: `p${dbid}@x.com`,
    skills: skills.map(([name, level], i) => ({ skillDbid: i, name, level })),
  });
const group = (dbid: number, o: Partial<EngageAgentGroup>): EngageAgentGroup => ({
  dbid,
  name: `G${dbid}`,
  memberDbids: [],
  folders: [],
  ...o,
});

const VQS = [vq(1, 'VQ_Sales', 'SW-A'), vq(2, 'VQ_Sales', 'SW-B'), vq(3, 'VQ_Billing', 'SW-A')];

test('hybrid/WFM_queue_number → which VQs a group feeds, and the problems', () => {
  const table: [string, number[], string[]][] = [
    // value                      → linked VQ DBIDs  problems
    ['VQ_Billing', [3], []],
    ['VQ_Sales@SW-B', [2], []],
    ['VQ_Sales', [1, 2], ['ambiguous']],
    ['VQ_Nope', [], ['dangling']],
    ['VQ_Sales@SW-C', [], ['dangling']],
    ['VQ_Billing, VQ_Sales@SW-A', [1, 3], []],
  ];
  for (const [value, want, problems] of table) {
    const r = resolveQueueLinks([group(10, { wfmQueueNumber: value, memberDbids: [7] })], VQS, [person(7)]);
    assert.deepEqual([...r.linked].sort(), want, value);
    assert.deepEqual(
      r.problems.map((p) => p.kind),
      problems,
      value,
    );
    for (const d of want) assert.deepEqual([...(r.members.get(d) ?? [])], [7]);
  }
});

test('members: static groups by membership, VAGs by their script, united per queue', () => {
  const persons = [
    person(1, [['Sales', 5]]),
    person(2, [['Sales', 1]]),
    person(3, [['Billing', 9]]),
    person(4),
  ];
  const r = resolveQueueLinks(
    [
      group(10, { wfmQueueNumber: 'VQ_Billing', memberDbids: [4] }),
      group(11, {
        wfmQueueNumber: 'VQ_Billing',
        vagScript: 'Skill("Sales")>=3 | SkillExists("Billing")',
        memberDbids: [2],
      }),
      group(12, { memberDbids: [2] }), // not linked
    ],
    VQS,
    persons,
  );
  assert.deepEqual([...(r.members.get(3) ?? [])].sort(), [1, 3, 4]);
});

test('a bad VAG script links no member and is reported', () => {
  const r = resolveQueueLinks(
    [group(11, { wfmQueueNumber: 'VQ_Billing', vagScript: 'Skill("Sales"' })],
    VQS,
    [person(1, [['Sales', 5]])],
  );
  assert.equal(r.members.get(3)?.size, 0);
  assert.deepEqual(
    r.problems.map((p) => p.kind),
    ['badScript'],
  );
});

test('VAG script grammar and evaluation', () => {
  const levels = new Map([
    ['Sales', 5],
    ['English', 1],
  ]);
  const table: [string, boolean][] = [
    ['Skill("Sales")>3', true],
    ['Skill("Sales")>5', false],
    ['Skill("Sales")>=5', true],
    ['Skill("Sales")=5', true],
    ['Skill("Sales")!=5', false],
    ['Skill("Sales")<6', true],
    ['Skill("Sales")<=4', false],
    ['Skill("Billing")<10', false], // absent skill fails every comparison
    ['SkillExists("English")', true],
    ['SkillExists("Billing")', false],
    ['~SkillExists("Billing")', true],
    ['Skill("Sales")>3 & Skill("English")>1', false],
    ['Skill("Sales")>3 & (Skill("English")>1 | SkillExists("English"))', true],
    ['Skill("Sales")>9 | Skill("English")=1', true],
    ['LoggedIn("SW-A")', false],
    [' Skill( "Sales" ) > 3 ', true],
  ];
  for (const [src, want] of table) assert.equal(evalVag(parseVagScript(src), levels), want, src);
  for (const bad of ['', 'Skill("Sales")', 'Foo("x")', 'Skill("Sales")>3 &', '(SkillExists("a")']) {
    assert.throws(() => parseVagScript(bad), VagParseError, bad);
  }
});

test('hostile VAG scripts: 12,000 nested parentheses skip only that group, by name; long chains parse', () => {
  const deep = `${'('.repeat(12_000)}SkillExists("Sales")${')'.repeat(12_000)}`;
  const nots = `${'~'.repeat(12_000)}SkillExists("Sales")`;
  const r = resolveQueueLinks(
    [
      group(11, { name: 'Deep VAG', wfmQueueNumber: 'VQ_Billing', vagScript: deep }),
      group(12, { name: 'Negations', wfmQueueNumber: 'VQ_Billing', vagScript: nots }),
      group(13, { name: 'Fine', wfmQueueNumber: 'VQ_Sales@SW-A', vagScript: 'SkillExists("Sales")' }),
    ],
    VQS,
    [person(1, [['Sales', 5]])],
  );
  assert.deepEqual(
    r.problems.map((p) => [p.kind, p.groupName]),
    [
      ['badScript', 'Deep VAG'],
      ['badScript', 'Negations'],
    ],
  );
  assert.match(r.problems[0]?.detail ?? '', /nested deeper than 100 levels at position 101/);
  assert.ok((r.problems[0]?.detail.length ?? 0) < 300, 'the message does not repeat the whole script');
  assert.deepEqual([...(r.members.get(1) ?? [])], [1], 'the other group still links its members');
  // Nesting up to the limit is fine; a chain of 100,000 terms is one node, not a tree that deep.
  const ok = `${'('.repeat(100)}SkillExists("Sales")${')'.repeat(100)}`;
  assert.equal(evalVag(parseVagScript(ok), new Map([['Sales', 1]])), true);
  const chain = Array.from({ length: 100_000 }, (_, i) => `SkillExists("S${i}")`).join(' | ');
  assert.equal(evalVag(parseVagScript(chain), new Map([['S99999', 1]])), true);
  assert.equal(evalVag(parseVagScript(chain), new Map([['Sales', 1]])), false);
});
