// The official SDK (purecloud-platform-client-v2) drives the emulator through setGateway: login, then one
// representative call per API area, each answered in the shape the SDK documents. If the emulator spoke
// its own idea of the API, these calls would fail to route, parse or validate.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import type { Models } from 'purecloud-platform-client-v2';
import { startCloudEmulator, type CloudEmulator } from '../../src/lab/cloud-emulator/index.ts';

const sdk = platformClient;
const apis = () => ({
  scim: new sdk.SCIMApi(),
  authz: new sdk.AuthorizationApi(),
  routing: new sdk.RoutingApi(),
  presence: new sdk.PresenceApi(),
  events: new sdk.EventsApi(),
  recording: new sdk.RecordingApi(),
  uploads: new sdk.UploadsApi(),
  sta: new sdk.SpeechTextAnalyticsApi(),
});

describe('the official SDK against the emulator', () => {
  let emu: CloudEmulator;
  let api: ReturnType<typeof apis>;
  const ids = { division: '', skill: '', code: '', queue: '', user: '', source: '', busy: '' };

  before(async () => {
    emu = await startCloudEmulator({ port: 0 });
    const client = sdk.ApiClient.instance as unknown as {
      setGateway(g: { host: string; protocol: string; port: number }): void;
      loginClientCredentialsGrant(id: string, secret: string): Promise<{ accessToken: string }>;
      config: { live_reload_config: boolean };
    };
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: emu.port });
    const auth = await client.loginClientCredentialsGrant(emu.clientId, emu.clientSecret);
    assert.ok(auth.accessToken.length > 20, 'login answered an access token');
    api = apis();
  });
  after(async () => emu.stop());

  it('authorization: Home division and a role by name', async () => {
    const home: Models.AuthzDivision = await api.authz.getAuthorizationDivisionsHome();
    assert.equal(home.name, 'Home');
    assert.equal(home.homeDivision, true);
    ids.division = home.id as string;
    const roles: Models.OrganizationRoleEntityListing = await api.authz.getAuthorizationRoles({
      name: 'Employee',
    });
    assert.equal(roles.total, 1);
    assert.equal(roles.entities?.[0]?.name, 'Employee');
  });

  it('routing: skills, wrap-up codes, queues with members and wrap-up codes', async () => {
    const skill: Models.RoutingSkill = await api.routing.postRoutingSkills({ name: 'Billing' });
    ids.skill = skill.id as string;
    const skills: Models.SkillEntityListing = await api.routing.getRoutingSkills({
      name: 'Bill',
      pageSize: 10,
    });
    assert.deepEqual(
      skills.entities?.map((s) => s.name),
      ['Billing'],
    );
    // Without extended responses the SDK rejects with the ErrorBody itself.
    await assert.rejects(api.routing.postRoutingSkills({ name: 'BILLING' }), (err: Models.ErrorBody) => {
      assert.equal(err.status, 409);
      assert.equal(err.code, 'general.conflict');
      assert.ok(err.contextId);
      return true;
    });
    const code: Models.WrapupCode = await api.routing.postRoutingWrapupcodes({ name: 'Sale' });
    ids.code = code.id as string;
    const queue: Models.Queue = await api.routing.postRoutingQueues({
      name: 'VQ_Billing',
      peerId: '4711',
      enableTranscription: true,
    });
    ids.queue = queue.id as string;
    const byPeer: Models.QueueEntityListing = await api.routing.getRoutingQueues({ peerId: ['4711'] });
    assert.equal(byPeer.entities?.[0]?.id, queue.id);
    const added: Models.WrapupCode[] = await api.routing.postRoutingQueueWrapupcodes(ids.queue, [
      { id: code.id },
    ]);
    assert.equal(added[0]?.name, 'Sale');
    const settings: Models.TranscriptionSettings = await api.routing.getRoutingSettingsTranscription();
    assert.equal(settings.transcription, 'EnabledQueueFlow');
  });

  it('SCIM users: create, filter by externalId, then routing skills and queue membership', async () => {
    const created: Models.ScimV2User = await api.scim.postScimV2Users({
      userName: 'ann.agent@example.com',
      displayName: 'Ann Agent',
      externalId: '1001',
      active: true,
      roles: [{ value: 'Employee' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { division: 'Home' },
    });
    ids.user = created.id as string;
    const found: Models.ScimUserListResponse = await api.scim.getScimV2Users({
      filter: 'externalId eq "1001"',
    });
    assert.equal(found.totalResults, 1);
    assert.equal(found.Resources?.[0]?.userName, 'ann.agent@example.com');
    const skills: Models.UserSkillEntityListing = await api.routing.putUserRoutingskillsBulk(ids.user, [
      { id: ids.skill, proficiency: 4 },
    ]);
    assert.equal(skills.entities?.[0]?.proficiency, 4);
    await api.routing.postRoutingQueueMembers(ids.queue, [{ id: ids.user }], {});
    const members: Models.QueueMemberEntityListing = await api.routing.getRoutingQueueMembers(ids.queue, {
      pageSize: 100,
    });
    assert.deepEqual(
      members.entities?.map((m) => m.id),
      [ids.user],
    );
  });

  it('presence: a registered source and the system presence definitions', async () => {
    const source: Models.Source = await api.presence.postPresenceSources({ name: 'Engage', type: 'User' });
    ids.source = source.id as string;
    const sources: Models.SourceEntityListing = await api.presence.getPresenceSources();
    assert.equal(sources.total, 1);
    const defs: Models.OrganizationPresenceDefinitionEntityListing =
      await api.presence.getPresenceDefinitions0({});
    const system = new Set(defs.entities?.map((d) => d.systemPresence));
    for (const sp of [
      'Available',
      'Away',
      'Busy',
      'Offline',
      'Idle',
      'OnQueue',
      'Meal',
      'Training',
      'Meeting',
      'Break',
    ])
      assert.ok(system.has(sp), sp);
    ids.busy = defs.entities?.find((d) => d.systemPresence === 'Busy')?.id as string;
  });

  it('events: presence, routing status and a conversation batch with one invalid event', async () => {
    const now = new Date().toISOString();
    const p: Models.BatchEventResponse = await api.events.postEventsUsersPresence({
      userPresenceEvents: [
        {
          eventId: randomUUID(),
          eventDateTime: now,
          userId: ids.user,
          sourceId: ids.source,
          presenceDefinitionId: ids.busy,
        },
      ],
    });
    assert.deepEqual(p.errors, []);
    const r: Models.BatchEventResponse = await api.events.postEventsUsersRoutingstatus({
      userRoutingStatusEvents: [
        {
          eventId: randomUUID(),
          eventDateTime: now,
          agentId: ids.user,
          sourceId: ids.source,
          status: 'Idle',
        },
      ],
    });
    assert.deepEqual(r.errors, []);
    const conversationId = randomUUID();
    const bad = randomUUID();
    const c: Models.BatchEventResponse = await api.events.postEventsConversations({
      externalEstablishedEvents: [
        {
          eventId: randomUUID(),
          eventDateTime: now,
          conversationId,
          communicationId: randomUUID(),
          initialConfiguration: { inbound: true, alerting: false },
          sourceConfiguration: { sourceId: ids.source, interactionId: 'call-1' },
        },
      ],
      communicationAnsweredEvents: [
        { eventId: bad, eventDateTime: now, conversationId, communicationId: randomUUID() },
      ],
    });
    assert.equal(c.errors?.length, 1);
    assert.equal(c.errors?.[0]?.eventId, bad);
    assert.equal(c.errors?.[0]?.retryable, false);
  });

  it('recording: the org public key and a pre-signed upload', async () => {
    const keys: Models.EncryptionKeyEntityListing = await api.recording.getRecordingRecordingkeys({});
    const der = Buffer.from(keys.entities?.[0]?.keydataSummary ?? '', 'base64');
    assert.equal(der[0], 0x30, 'keydataSummary is base64 DER (an ASN.1 SEQUENCE), no PEM armour');
    const up: Models.UploadUrlResponse = await api.uploads.postUploadsRecordings({
      fileName: 'rec-1.zip',
      contentType: 'application/zip',
    });
    assert.ok(up.url?.startsWith(emu.url));
    const put = await fetch(up.url as string, {
      method: 'PUT',
      headers: up.headers,
      body: Buffer.from('zipdata'),
    });
    assert.equal(put.status, 200);
  });

  it('speech and text analytics: settings, programs and queue mappings', async () => {
    const settings: Models.SpeechTextAnalyticsSettingsResponse =
      await api.sta.getSpeechandtextanalyticsSettings();
    const programId = settings.defaultProgram?.id as string;
    assert.ok(programId);
    const mapped: Models.TopicsDefinitionsProgramMappings =
      await api.sta.putSpeechandtextanalyticsProgramMappings(programId, {
        queueIds: [ids.queue],
        flowIds: [],
      });
    assert.deepEqual(
      mapped.queues?.map((q) => q.id),
      [ids.queue],
    );
    const all: Models.TopicsDefinitionsProgramsMappingsEntityListing =
      await api.sta.getSpeechandtextanalyticsProgramsMappings({ pageSize: 20 });
    assert.equal(all.entities?.[0]?.program?.id, programId);
    const programs: Models.ProgramsEntityListing = await api.sta.getSpeechandtextanalyticsPrograms({});
    assert.equal(programs.entities?.[0]?.name, 'Default Program');
  });
});
