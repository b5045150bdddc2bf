// Which attributes T-Lib requires on which messages, for validating what arrives on a link. Only the
// requirements the reference states (or that follow from a message being about one call) are enforced.
import { CALL_MONITORING_EVENTS } from '../model/messages.ts';

/** DN-level call events and call requests: each is about one call, so it names its ConnID. */
const NEEDS_CONNID = new Set([
  'EventQueued',
  'EventDiverted',
  'EventAbandoned',
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
  'EventPartyDeleted',
  'EventRouteRequest',
  'EventRouteUsed',
  'EventAttachedDataChanged',
  'EventCallInfoChanged',
  'EventTreatmentApplied',
  'EventTreatmentEnd',
  'EventCallCreated',
  'RequestAnswerCall',
  'RequestReleaseCall',
  'RequestHoldCall',
  'RequestRetrieveCall',
  'RequestRouteCall',
  'RequestSingleStepTransfer',
  'RequestInitiateTransfer',
  'RequestCompleteTransfer',
  'RequestInitiateConference',
  'RequestCompleteConference',
  'RequestAttachUserData',
  'RequestUpdateUserData',
  'RequestDeleteUserData',
  'RequestDistributeEvent',
]);

/** Call-monitoring events identify the call by its CallUUID ([GENEM-CB]). */
const NEEDS_CALLUUID = CALL_MONITORING_EVENTS;

/** The attributes a message must carry; [] for most. */
export function requiredAttributes(name: string): string[] {
  const out: string[] = [];
  if (NEEDS_CONNID.has(name)) out.push('AttributeConnID');
  if (NEEDS_CALLUUID.has(name)) out.push('AttributeCallUUID');
  return out;
}
