// The published models of the Events API, field by field (SDK 262 index.d.ts): every property an event
// may carry and its type. An unknown (misspelt) property is the platform's `invalid.property`; an
// optional field of the wrong type is rejected too, so a typo in an optional field cannot pass silently.
import type { ConversationEventType } from './conversation-rules.ts';

export type Kind = 'string' | 'boolean' | 'strings' | 'initial' | 'source' | 'audio' | 'stringMap';
export type Fields = Record<string, Kind>;

const BASE: Fields = { eventId: 'string', eventDateTime: 'string', conversationId: 'string' };
const COMM: Fields = { ...BASE, communicationId: 'string' };
const ESTABLISHED: Fields = {
  ...COMM,
  ani: 'string',
  dnis: 'string',
  initialConfiguration: 'initial',
  sourceConfiguration: 'source',
};
const TRANSFER: Fields = {
  ...BASE,
  transferType: 'string',
  commandId: 'string',
  initiatingCommunicationId: 'string',
  targetCommunicationId: 'string',
  objectCommunicationId: 'string',
};
const CONSULT: Fields = {
  ...BASE,
  initiatingCommunicationId: 'string',
  destinationCommunicationId: 'string',
  objectCommunicationId: 'string',
};

export const CONVERSATION_FIELDS: Record<ConversationEventType, Fields> = {
  externalEstablished: { ...ESTABLISHED, aniName: 'string', dnisName: 'string' },
  ivrEstablished: { ...ESTABLISHED, ivrPhoneNumber: 'string', ivrName: 'string' },
  phoneEstablished: { ...ESTABLISHED, phoneNumber: 'string' },
  routingEstablished: {
    ...ESTABLISHED,
    phoneNumber: 'string',
    queueId: 'string',
    skillIds: 'strings',
    languageId: 'string',
  },
  userEstablished: {
    ...ESTABLISHED,
    phoneNumber: 'string',
    userId: 'string',
    stationId: 'string',
    afterCallWorkRequired: 'boolean',
    queueId: 'string',
  },
  communicationAnswered: COMM,
  holdUpdated: { ...COMM, held: 'boolean' },
  audioUpdated: { ...COMM, audioState: 'audio' },
  communicationDispositionApplied: { ...COMM, code: 'string', notes: 'string', tags: 'strings' },
  communicationEnded: { ...COMM, disconnectType: 'string', destinationConversationId: 'string' },
  routingTransfer: { ...TRANSFER, destinationQueueId: 'string', languageId: 'string', skillIds: 'strings' },
  userTransfer: { ...TRANSFER, destinationUserId: 'string' },
  phoneTransfer: { ...TRANSFER, destinationPhoneNumber: 'string' },
  progressTransfer: {
    ...BASE,
    commandId: 'string',
    objectCommunicationId: 'string',
    destinationCommunicationId: 'string',
  },
  endTransfer: { ...BASE, commandId: 'string', finalState: 'string', objectCommunicationId: 'string' },
  consultTransfer: CONSULT,
  progressConsultTransfer: CONSULT,
  endConsultTransfer: BASE,
};

export const PRESENCE_FIELDS: Fields = {
  eventId: 'string',
  eventDateTime: 'string',
  userId: 'string',
  sourceId: 'string',
  presenceDefinitionId: 'string',
  message: 'string',
};

export const ROUTING_STATUS_FIELDS: Fields = {
  eventId: 'string',
  eventDateTime: 'string',
  agentId: 'string',
  status: 'string',
  sourceId: 'string',
};

const INITIAL: Fields = {
  audioState: 'audio',
  alerting: 'boolean',
  inbound: 'boolean',
  invitedBy: 'string',
  recordingActive: 'boolean',
  additionalInfo: 'stringMap',
};
const SOURCE: Fields = { sourceId: 'string', interactionId: 'string', tagId: 'string' };
const AUDIO: Fields = { canHear: 'boolean', canSpeak: 'boolean' };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `invalid.property` in the platform's own wording. */
export const invalidProperty = (name: string, model: string): string =>
  `invalid.property: Value [${name}] is not a valid property for object [${model}]`;

function kindProblem(kind: Kind, v: unknown, path: string, model: string): string | undefined {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? undefined : `${path} must be a string`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `${path} must be true or false`;
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? undefined
        : `${path} must be an array of strings`;
    case 'stringMap':
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string')
        ? undefined
        : `${path} must be an object of string values`;
    case 'initial':
      return fieldsProblem(v, INITIAL, `${model}.InitialConfiguration`, `${path}.`);
    case 'source':
      return fieldsProblem(v, SOURCE, `${model}.SourceConfiguration`, `${path}.`);
    case 'audio':
      return fieldsProblem(v, AUDIO, 'AudioState', `${path}.`);
  }
}

/** The first unknown or mistyped property of `v` against `fields`, or undefined. */
export function fieldsProblem(v: unknown, fields: Fields, model: string, prefix = ''): string | undefined {
  if (!isObject(v)) return `${prefix ? prefix.slice(0, -1) : 'an event'} must be an object`;
  for (const [k, value] of Object.entries(v)) {
    if (value === undefined) continue; // absent on the wire (JSON has no undefined)
    const kind = fields[k];
    if (!kind) return invalidProperty(`${prefix}${k}`, model);
    if (value === null) continue;
    const bad = kindProblem(kind, value, `${prefix}${k}`, model);
    if (bad) return bad;
  }
  return undefined;
}
