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

function kindOk(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'stringMap':
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
    default:
      return true; // nested models: checked by fieldsProblem
  }
}

const KIND_TEXT: Record<Kind, string> = {
  string: 'must be a string',
  boolean: 'must be true or false',
  strings: 'must be an array of strings',
  stringMap: 'must be an object of string values',
  initial: '',
  source: '',
  audio: '',
};
const NESTED: Partial<Record<Kind, [Fields, string]>> = {
  initial: [INITIAL, 'InitialConfiguration'],
  source: [SOURCE, 'SourceConfiguration'],
  audio: [AUDIO, 'AudioState'],
};

/**
 * The first unknown or mistyped property of `v` against `fields`, or undefined. On the Events API's hot
 * path: no allocation unless something is wrong.
 */
export function fieldsProblem(v: unknown, fields: Fields, model: string, prefix = ''): string | undefined {
  if (!isObject(v)) return `${prefix ? prefix.slice(0, -1) : 'an event'} must be an object`;
  for (const k in v) {
    const value = v[k];
    if (value === undefined) continue; // absent on the wire (JSON has no undefined)
    const kind = fields[k];
    if (kind === undefined) return invalidProperty(`${prefix}${k}`, model);
    if (value === null) continue;
    const nested = NESTED[kind];
    if (nested) {
      const bad = fieldsProblem(value, nested[0], nested[1], `${prefix}${k}.`);
      if (bad) return bad;
    } else if (!kindOk(kind, value)) return `${prefix}${k} ${KIND_TEXT[kind]}`;
  }
  return undefined;
}
