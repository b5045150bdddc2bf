// T-Lib attribute names, their numeric ids (TAttribute of the T-Library C header, reference §1.2; the
// reference marks as UNCONFIRMED that the binary wire tags use the same numbers) and the kind of value
// each carries, which decides how the codec validates it and how the log reader reads it.

/** How an attribute's value is written: in logs and in the JSON link. */
export type AttributeKind =
  | 'connid' // 16 hex digits, kept as a lower-case string
  | 'int' // a decimal integer
  | 'seq' // an integer printed in hex in logs (EventSequenceNumber)
  | 'string' // single-quoted in logs
  | 'kvlist' // UserData, Extensions, Reasons, …
  | 'message'; // a message name (AttributeUserEvent)

const NAMES: readonly string[] = [
  // 0
  'ProtocolVersion',
  'ErrorMessage',
  'ReferenceID',
  'CallID',
  'NodeID',
  'NetworkCallID',
  'NetworkNodeID',
  'TransferredNetworkCallID',
  'TransferredNetworkNodeID',
  'ConnID',
  // 10
  'PreviousConnID',
  'TransferConnID',
  'ConferenceConnID',
  'CallState',
  'AgentID',
  'AgentStateReasonUnused',
  'AgentWorkMode',
  'Reason',
  'DNIS',
  'ANI',
  // 20
  'ThisDN',
  'ThisQueue',
  'ThisTrunk',
  'ThisDNRole',
  'OtherDN',
  'OtherQueue',
  'OtherTrunk',
  'OtherDNRole',
  'ThirdPartyDN',
  'ThirdPartyQueue',
  // 30
  'ThirdPartyTrunk',
  'ThirdPartyDNRole',
  'MusicPath',
  'VoiceFileName',
  'FileHandle',
  'UserID',
  'Password',
  'VoiceSegment',
  'VoiceIFlag',
  'VoiceCFlag',
  // 40
  'NumberOfDigits',
  'TerminateDigits',
  'Timeout',
  'CollectedDigits',
  'LastDigit',
  'InputMask',
  'ErrorCode',
  'AddressType',
  'AddressMode',
  'RegisterMode',
  // 50
  'ControlMode',
  'UserData',
  'DataKey',
  'Extensions',
  'CallType',
  'CallingLineName',
  'AddressInfoType',
  'AddressInfoStatus',
  'UserEvent',
  'CommunicationDN',
  // 60
  'RouteType',
  'ServerVersion',
  'ServerRole',
  'ServerCapabilityMask',
  'ApplicationName',
  'ApplicationPassword',
  'MergeType',
  'ForwardMode',
  'DTMFDigits',
  'Location',
  // 70
  'RemoteLocation',
  'RemoteConnID',
  'RemoteDN',
  'MakeCallType',
  'CallInfoType',
  'HomeLocation',
  'CustomerID',
  'FirstTransferHomeLocation',
  'FirstTransferOrigDN',
  'LastTransferHomeLocation',
  // 80
  'LastTransferOrigDN',
  'SetOperation',
  'NewConnID',
  'TreatmentType',
  'TreatmentParms',
  'CLID',
  'TimeinSecs',
  'TimeinuSecs',
  'SwitchInfoType',
  'XRouteType',
  // 90
  'AccessNumber',
  'XReferenceID',
  'Place',
  'Priority',
  'AgentIdleReason',
  'RegistrationCode',
  'DNSyncInfo',
  'MediaType',
  'LocationInfoType',
  'OriginalConnID',
  // 100
  'ConsultType',
  'MonitorNextCallType',
  'ClientID',
  'ProtocolID',
  'PreviousCallID',
  'PrivateMsgID',
  'FirstTransferConnID',
  'LastTransferConnID',
  'SessionID',
  'Host',
  // 110
  'Port',
  'DBID',
  'OtherDBID',
  'ThirdPartyDBID',
  'Cause',
  'DN',
  'DialedNumber',
  'OriginConnID',
  'RefConnID',
  'Reliability',
  // 120
  'TimeStamp',
  'SwitchTime',
  'PartyID',
  'PartyType',
  'PartyState',
  'RefParty',
  'CtrlParty',
  'RemoteLoc',
  'RemoteParty',
  'Device',
  // 130
  'Reserved_1',
  'Reserved_2',
  'UpdateRevision',
  'ReturnReceipt',
  'ReturnReceiptDN',
  'ServerXCapabilities',
  'NetworkCallState',
  'NetworkDestState',
  'NetworkPartyRole',
  'NetworkOrigDN',
  // 140
  'NetworkDestDN',
  'CallUUID',
  'NewCallUUID',
  'OrigCallUUID',
  'RefCallUUID',
  'PartyUUID',
  'ISLinkList',
  'ServerStartTime',
  'EventSequenceNumber',
].map((n) => `Attribute${n}`);

/** Attributes that later T-Lib versions added after the 7.1 header: known by name, no confirmed id. */
const LATER: readonly string[] = ['AttributeReasons', 'AttributeAgentSessionID', 'AttributeRouterState'];

const KIND_OF = new Map<string, AttributeKind>();
for (const n of [
  'ConnID',
  'PreviousConnID',
  'TransferConnID',
  'ConferenceConnID',
  'RemoteConnID',
  'NewConnID',
  'OriginalConnID',
  'FirstTransferConnID',
  'LastTransferConnID',
  'OriginConnID',
  'RefConnID',
])
  KIND_OF.set(`Attribute${n}`, 'connid');
for (const n of [
  'ReferenceID',
  'CallID',
  'NodeID',
  'CallState',
  'AgentWorkMode',
  'ThisDNRole',
  'OtherDNRole',
  'ThirdPartyDNRole',
  'ErrorCode',
  'CallType',
  'AddressType',
  'RegisterMode',
  'ServerRole',
  'TimeinSecs',
  'TimeinuSecs',
  'MediaType',
  'Cause',
  'PartyType',
  'PartyState',
  'Timeout',
  'Priority',
  'ServerStartTime',
  'RouteType',
  'MakeCallType',
  'ControlMode',
  'ForwardMode',
  'DBID',
  'OtherDBID',
  'ThirdPartyDBID',
  'Port',
  'ClientID',
  'XReferenceID',
  'PreviousCallID',
  'PrivateMsgID',
  'ConsultType',
])
  KIND_OF.set(`Attribute${n}`, 'int');
KIND_OF.set('AttributeEventSequenceNumber', 'seq');
// AttributeReason carries T-Lib's Reasons KV-list (URS prints `AttributeReason [14] 00 01 01 00..`).
for (const n of ['UserData', 'Extensions', 'Reason', 'Reasons', 'TreatmentParms', 'ISLinkList'])
  KIND_OF.set(`Attribute${n}`, 'kvlist');
KIND_OF.set('AttributeUserEvent', 'message');

const IDS = new Map<string, number>();
NAMES.forEach((n, i) => IDS.set(n, i));

export function attributeId(name: string): number | undefined {
  return IDS.get(name);
}

export function attributeName(id: number): string | undefined {
  return NAMES[id];
}

export function isKnownAttribute(name: string): boolean {
  return IDS.has(name) || LATER.includes(name);
}

/** The kind of an attribute's value; unknown and unlisted attributes are strings. */
export function attributeKind(name: string): AttributeKind {
  return KIND_OF.get(name) ?? 'string';
}

/**
 * Whether the attribute may hold a KV-list: a KV-list attribute, or one this model does not know (whose
 * value is taken as it comes). The codec's decoder accepts exactly these; readers of other renderings
 * (the log reader) use it so that every message they give out can be sent on.
 */
export function acceptsKvList(name: string): boolean {
  const kind = attributeKind(name);
  return kind === 'kvlist' || (kind === 'string' && !isKnownAttribute(name));
}

export function allAttributeNames(): string[] {
  return [...NAMES, ...LATER];
}

/** The attributes that hold a ConnID (16 hex digits). */
export function connIdAttributes(): string[] {
  return [...KIND_OF].filter(([, k]) => k === 'connid').map(([n]) => n);
}
