// GET /__emulator/org: the whole org in the shape DESIGN §6 pins (more fields are welcome).
import type { Org } from './state.ts';

export function orgView(org: Org) {
  const name = <T extends { name: string }>(m: Map<string, T>, id: string) => m.get(id)?.name ?? id;
  return {
    users: [...org.users.values()].map((u) => ({
      id: u.id,
      userName: u.userName,
      displayName: u.displayName,
      externalId: u.externalId ?? null,
      active: u.active,
      roles: u.roleIds.map((id) => name(org.roles, id)),
      division: name(org.divisions, u.divisionId),
      skills: [...u.skills].map(([id, proficiency]) => ({ name: name(org.skills, id), proficiency })),
      languages: [...u.languages].map(([id, proficiency]) => ({
        name: name(org.languages, id),
        proficiency,
      })),
      presence: u.presence
        ? {
            systemPresence: u.presence.systemPresence,
            presenceDefinitionId: u.presence.presenceDefinitionId,
            sourceId: u.presence.sourceId,
            message: u.presence.message,
            eventDateTime: u.presence.eventDateTime,
          }
        : null,
      routingStatus: u.routingStatus
        ? { status: u.routingStatus.status, eventDateTime: u.routingStatus.eventDateTime }
        : null,
      version: u.version,
    })),
    skills: [...org.skills.values()].map((s) => ({ id: s.id, name: s.name })),
    languages: [...org.languages.values()].map((s) => ({ id: s.id, name: s.name })),
    queues: [...org.queues.values()].map((q) => ({
      id: q.id,
      name: q.name,
      description: q.description,
      peerId: q.peerId ?? null,
      enableTranscription: q.enableTranscription,
      members: [...q.members.keys()],
      joinedMembers: [...q.members].filter(([, m]) => m.joined).map(([id]) => id),
      wrapupCodes: [...q.wrapupCodeIds],
    })),
    wrapupCodes: [...org.wrapupCodes.values()].map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
    })),
    sources: [...org.sources.values()].map((s) => ({ id: s.id, name: s.name, deactivated: s.deactivated })),
    roles: [...org.roles.values()].map((r) => ({ id: r.id, name: r.name })),
    divisions: [...org.divisions.values()].map((d) => ({
      id: d.id,
      name: d.name,
      homeDivision: d.homeDivision,
    })),
    presenceDefinitions: [...org.definitions.values()].map((d) => ({
      id: d.id,
      systemPresence: d.systemPresence,
      type: d.type,
      label: d.languageLabels.en_US ?? Object.values(d.languageLabels)[0],
      deactivated: d.deactivated,
    })),
    conversations: [...org.conversations.values()].map((c) => ({
      id: c.id,
      sourceId: c.sourceId,
      interactionId: c.interactionId,
      startTime: c.startTime,
      participants: [...c.communications.values()].map((p) => ({
        communicationId: p.id,
        purpose: p.party,
        userId: p.userId ?? null,
        queueId: p.queueId ?? null,
        phoneNumber: p.phoneNumber ?? null,
        invitedBy: p.invitedBy ?? null,
        inbound: p.inbound ?? null,
        state: p.ended ? 'disconnected' : p.answered || !p.alerting ? 'connected' : 'alerting',
        held: p.held,
        startTime: p.startTime,
        endTime: p.endTime ?? null,
        disconnectType: p.disconnectType ?? null,
        wrapupCodeId: p.wrapupCodeId ?? null,
      })),
      // DESIGN §6 pins the request's array name (`holdUpdatedEvents`), not the event type.
      events: c.events.map((e) => ({ type: `${e.type}Events`, ...e.event })),
    })),
    uploads: [...org.uploads.values()],
    transcription: org.transcription,
    staSettings: org.staSettings,
    programs: [...org.programs.values()].map((p) => ({
      id: p.id,
      name: p.name,
      published: p.published,
      queueIds: p.queueIds,
      flowIds: p.flowIds,
    })),
    recordingKeys: org.recordingKeys.map((k) => ({
      id: k.id,
      keydataSummary: k.keydataSummary,
      privateKeyPem: k.privateKeyPem,
    })),
  };
}
