// The T-Lib capability's public surface: the model, the JSON-link codec, the SIP Server log reader.
export type {
  KVList,
  KVPair,
  KVValue,
  TEvent,
  TMessage,
  TMessageKind,
  TRequest,
  TTime,
  TValue,
} from './model/types.ts';
export {
  allMessageNames,
  isEventName,
  isKnownMessage,
  isRequestName,
  messageId,
  messageName,
} from './model/messages.ts';
export {
  allAttributeNames,
  attributeId,
  attributeKind,
  attributeName,
  connIdAttributes,
  isKnownAttribute,
  type AttributeKind,
} from './model/attributes.ts';
export {
  decodePartyState,
  enumName,
  PartyStateMask,
  TAgentWorkMode,
  TCallState,
  TCallType,
  TDNRole,
  TPartyState,
  TServerRole,
  type DecodedPartyState,
} from './model/enums.ts';
export {
  attr,
  attrInt,
  attrList,
  attrString,
  callUuid,
  connId,
  eventTime,
  eventTimeMicros,
  extensions,
  isEvent,
  kvFromObject,
  kvGet,
  kvPath,
  kvString,
  makeEvent,
  makeRequest,
  reasons,
  sequenceNumber,
  thisDn,
  userData,
} from './model/access.ts';
export { encodeJsonLine } from './codec/encode.ts';
export { decodeJsonLine, MAX_LINE_BYTES, type DecodeContext, type DecodeResult } from './codec/decode.ts';
export { describePosition, type TlibDecodeError, type TlibDecodeErrorCode } from './codec/errors.ts';
export { requiredAttributes } from './codec/rules.ts';
export {
  MAX_LINE_CHARS,
  readTlibLog,
  TlibLogReader,
  type LogReadError,
  type LogReaderOptions,
  type LogReaderSink,
} from './logreader/reader.ts';
