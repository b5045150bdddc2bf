// The writable models of the calls the emulator serves, property by property (SDK 262 index.d.ts). The
// platform's deserialiser refuses a property its model does not have: 400 `invalid.property` "Value [%s]
// is not a valid property for object [%s]" (documented on e.g. POST /routing/queues/{id}/members). So a
// misspelt field fails here too instead of being ignored (or, worse, stored and echoed back).
import { ApiError } from './errors.ts';

const QUEUE_REQUEST = [
  'id',
  'name',
  'division',
  'description',
  'dateCreated',
  'dateModified',
  'modifiedBy',
  'createdBy',
  'memberCount',
  'userMemberCount',
  'joinedMemberCount',
  'mediaSettings',
  'routingRules',
  'conditionalGroupRouting',
  'conditionalGroupActivation',
  'bullseye',
  'scoringMethod',
  'lastAgentRoutingMode',
  'acwSettings',
  'skillEvaluationMethod',
  'memberGroups',
  'queueFlow',
  'emailInQueueFlow',
  'messageInQueueFlow',
  'whisperPrompt',
  'onHoldPrompt',
  'defaultMediaLanguage',
  'autoAnswerOnly',
  'cannedResponseLibraries',
  'enableTranscription',
  'enableAudioMonitoring',
  'enableManualAssignment',
  'agentOwnedRouting',
  'directRouting',
  'callingPartyName',
  'callingPartyNumber',
  'defaultScripts',
  'outboundMessagingAddresses',
  'outboundEmailAddress',
  'peerId',
  'suppressInQueueCallRecording',
  'selfUri',
];

export const MODELS = {
  QueueRequest: new Set(QUEUE_REQUEST),
  CreateQueueRequest: new Set([...QUEUE_REQUEST, 'sourceQueueId']),
  CreateRoutingSkill: new Set(['name', 'divisionId']),
  Language: new Set(['id', 'name', 'dateModified', 'state', 'version', 'selfUri']),
  WrapupCodeRequest: new Set([
    'id',
    'name',
    'division',
    'description',
    'dateCreated',
    'dateModified',
    'createdBy',
    'modifiedBy',
    'selfUri',
  ]),
  Source: new Set(['id', 'name', 'description', 'type', 'deactivated', 'selfUri']),
  OrganizationPresenceDefinition: new Set([
    'id',
    'name',
    'type',
    'languageLabels',
    'systemPresence',
    'divisionId',
    'deactivated',
    'selfUri',
  ]),
  UpdateUser: new Set([
    'id',
    'name',
    'chat',
    'department',
    'email',
    'primaryContactInfo',
    'addresses',
    'title',
    'username',
    'preferredName',
    'manager',
    'images',
    'version',
    'profileSkills',
    'locations',
    'groups',
    'state',
    'acdAutoAnswer',
    'certifications',
    'biography',
    'employerInfo',
    'selfUri',
  ]),
  UserRoutingSkillPost: new Set(['id', 'proficiency', 'skillUri', 'selfUri']),
  UserRoutingLanguagePost: new Set(['id', 'proficiency', 'languageUri', 'selfUri']),
  RoleDivisionGrants: new Set(['grants']),
  RoleDivisionPair: new Set(['roleId', 'divisionId']),
  WritableEntity: new Set(['id']),
  QueueMember: new Set([
    'id',
    'name',
    'user',
    'ringNumber',
    'joined',
    'memberBy',
    'routingStatus',
    'selfUri',
  ]),
  UploadUrlRequest: new Set([
    'fileName',
    'contentMd5',
    'signedUrlTimeoutSeconds',
    'contentType',
    'serverSideEncryption',
  ]),
  RecordingUploadReportRequest: new Set(['dateSince', 'uploadStatus']),
} as const;

export type ModelName = keyof typeof MODELS;

export const invalidProperty = (property: string, model: string) =>
  new ApiError(
    400,
    'invalid.property',
    `Value [${property}] is not a valid property for object [${model}]`,
    { property, model },
    'invalidSyntax',
  );

/** Throws `invalid.property` for the first property of `body` that `model` does not have. */
export function checkProperties(body: unknown, model: ModelName, where = ''): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const allowed = MODELS[model];
  for (const k of Object.keys(body)) if (!allowed.has(k)) throw invalidProperty(`${where}${k}`, model);
}

/** The same for each object of an array body. */
export function checkEachProperties(body: unknown, model: ModelName): void {
  if (!Array.isArray(body)) return;
  body.forEach((e, i) => checkProperties(e, model, `[${i}].`));
}
