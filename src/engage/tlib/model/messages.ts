// T-Lib message names and their numeric ids (TMessageType of the T-Library C header, "tserver protocol
// 4.2", as quoted by the reference engage-tlib-statserver.md §1.1). The id is the index in this table;
// null marks ids the header reserves without a name.

const NAMES: readonly (string | null)[] = [
  // 0
  'RequestRegisterClient',
  'RequestQueryServer',
  'RequestQueryAddress',
  'RequestRegisterAddress',
  'RequestUnregisterAddress',
  'RequestRegisterAll',
  'RequestUnregisterAll',
  'RequestSetInputMask',
  'RequestAgentLogin',
  'RequestAgentLogout',
  // 10
  'RequestAgentReady',
  'RequestAgentNotReady',
  'RequestSetDNDOn',
  'RequestSetDNDOff',
  'RequestMakeCall',
  'RequestMakePredictiveCall',
  'RequestAnswerCall',
  'RequestReleaseCall',
  'RequestHoldCall',
  'RequestRetrieveCall',
  // 20
  'RequestInitiateConference',
  'RequestCompleteConference',
  'RequestDeleteFromConference',
  'RequestInitiateTransfer',
  'RequestMuteTransfer',
  'RequestSingleStepTransfer',
  'RequestCompleteTransfer',
  'RequestMergeCalls',
  'RequestAlternateCall',
  'RequestReconnectCall',
  // 30
  'RequestAttachUserData',
  'RequestUpdateUserData',
  'RequestDeleteUserData',
  'RequestDeletePair',
  'RequestCallForwardSet',
  'RequestCallForwardCancel',
  'RequestRouteCall',
  'RequestGiveMusicTreatment',
  'RequestGiveSilenceTreatment',
  'RequestGiveRingBackTreatment',
  // 40
  'RequestLoginMailBox',
  'RequestLogoutMailBox',
  'RequestOpenVoiceFile',
  'RequestCloseVoiceFile',
  'RequestPlayVoiceFile',
  'RequestCollectDigits',
  'RequestSetMessageWaitingOn',
  'RequestSetMessageWaitingOff',
  'RequestDistributeUserEvent',
  'RequestDistributeEvent',
  // 50
  'EventServerConnected',
  'EventServerDisconnected',
  'EventError',
  'EventRegistered',
  'EventUnregistered',
  'EventRegisteredAll',
  'EventUnregisteredAll',
  'EventQueued',
  'EventDiverted',
  'EventAbandoned',
  // 60
  'EventRinging',
  'EventDialing',
  'EventNetworkReached',
  'EventDestinationBusy',
  'EventEstablished',
  'EventReleased',
  'EventHeld',
  'EventRetrieved',
  'EventPartyChanged',
  'EventPartyAdded',
  // 70
  'EventPartyDeleted',
  'EventRouteRequest',
  'EventRouteUsed',
  'EventAgentLogin',
  'EventAgentLogout',
  'EventAgentReady',
  'EventAgentNotReady',
  'EventDNDOn',
  'EventDNDOff',
  'EventMailBoxLogin',
  // 80
  'EventMailBoxLogout',
  'EventVoiceFileOpened',
  'EventVoiceFileClosed',
  'EventVoiceFileEndPlay',
  'EventDigitsCollected',
  'EventAttachedDataChanged',
  'EventOffHook',
  'EventOnHook',
  'EventForwardSet',
  'EventForwardCancel',
  // 90
  'EventMessageWaitingOn',
  'EventMessageWaitingOff',
  'EventAddressInfo',
  'EventServerInfo',
  'EventLinkDisconnected',
  'EventLinkConnected',
  'EventUserEvent',
  'RequestSendDTMF',
  'EventDTMFSent',
  'EventResourceAllocated',
  // 100
  'EventResourceFreed',
  'EventRemoteConnectionSuccess',
  'EventRemoteConnectionFailed',
  'RequestRedirectCall',
  'RequestListenDisconnect',
  'RequestListenReconnect',
  'EventListenDisconnected',
  'EventListenReconnected',
  'RequestQueryCall',
  'EventPartyInfo',
  // 110
  'RequestClearCall',
  'RequestSetCallInfo',
  'EventCallInfoChanged',
  'RequestApplyTreatment',
  'EventTreatmentApplied',
  'EventTreatmentNotApplied',
  'EventTreatmentEnd',
  'EventHardwareError',
  'EventAgentAfterCallWork',
  'EventTreatmentRequired',
  // 120
  'RequestSingleStepConference',
  'RequestQuerySwitch',
  'EventSwitchInfo',
  'RequestGetAccessNumber',
  'RequestCancelReqGetAccessNumber',
  'EventAnswerAccessNumber',
  'EventReqGetAccessNumberCanceled',
  'RequestReserveAgent',
  'EventAgentReserved',
  'RequestReserveAgentAndGetAccessNumber',
  // 130
  'RequestAgentSetIdleReason',
  'EventAgentIdleReasonSet',
  'EventRestoreConnection',
  'EventPrimaryChanged',
  'RequestLostBackupConnection',
  'RequestSetDNInfo',
  'RequestQueryLocation',
  'EventLocationInfo',
  'EventACK',
  'RequestMonitorNextCall',
  // 140
  'RequestCancelMonitoring',
  'EventMonitoringNextCall',
  'EventMonitoringCancelled',
  'RequestSetMuteOn',
  'RequestSetMuteOff',
  'EventMuteOn',
  'EventMuteOff',
  'EventDNOutOfService',
  'EventDNBackInService',
  'RequestPrivateService',
  // 150
  'EventPrivateInfo',
  'EventBridged',
  'EventQueueLogout',
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  // 160: call monitoring
  'EventCallCreated',
  'EventCallDataChanged',
  'EventCallDeleted',
  'EventCallPartyAdded',
  'EventCallPartyState',
  'EventCallPartyMoved',
  'EventCallPartyDeleted',
  'RequestStartCallMonitoring',
  'RequestStopCallMonitoring',
  'RequestSendReturnReceipt',
  // 170
  'EventReturnReceipt',
  'RequestNetworkConsult',
  'RequestNetworkAlternate',
  'RequestNetworkTransfer',
  'RequestNetworkMerge',
  'RequestNetworkReconnect',
  'RequestNetworkSingleStepTransfer',
  'RequestNetworkPrivateService',
  'EventNetworkCallStatus',
  'EventNetworkPrivateInfo',
];

const IDS = new Map<string, number>();
NAMES.forEach((n, i) => {
  if (n !== null) IDS.set(n, i);
});

/** The numeric id of a message name, or undefined when T-Lib has no such message. */
export function messageId(name: string): number | undefined {
  return IDS.get(name);
}

/** The message name of a numeric id, or undefined. */
export function messageName(id: number): string | undefined {
  return NAMES[id] ?? undefined;
}

export function isKnownMessage(name: string): boolean {
  return IDS.has(name);
}

/** Events travel under "message", requests under "request" in the JSON link. */
export function isEventName(name: string): boolean {
  return IDS.has(name) && name.startsWith('Event');
}

export function isRequestName(name: string): boolean {
  return IDS.has(name) && name.startsWith('Request');
}

export function allMessageNames(): string[] {
  return NAMES.filter((n): n is string => n !== null);
}

/** The call-monitoring events (ids 160–166): about a call, identified by its CallUUID ([GENEM-CB]). */
export const CALL_MONITORING_EVENTS: ReadonlySet<string> = new Set(
  NAMES.slice(160, 167).filter((n): n is string => n !== null && n.startsWith('Event')),
);
