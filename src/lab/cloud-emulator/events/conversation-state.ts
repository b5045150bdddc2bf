// What the emulator remembers of an injected conversation: its communications (one per established
// event), transfer commands, and the accepted events in arrival order (kept by reference, not copied).

export type Party = 'external' | 'ivr' | 'phone' | 'routing' | 'user';

export interface Communication {
  id: string;
  party: Party;
  userId?: string;
  queueId?: string;
  phoneNumber?: string;
  invitedBy?: string;
  inbound?: boolean;
  alerting: boolean;
  answered: boolean;
  held: boolean;
  ended: boolean;
  disconnectType?: string;
  dispositioned: boolean;
  /** Wrap-up code id; null when the disposition was skipped (no code). */
  wrapupCodeId?: string | null;
  startTime: string;
  /** When it became connected: its start when established connected, else its communicationAnswered. */
  connectedTime?: string;
  endTime?: string;
  /** Time of the latest accepted event on this communication (ms): times never run backwards. */
  lastMs: number;
}

export interface TransferCommand {
  id: string;
  kind: 'routing' | 'user' | 'phone';
  transferType: string;
  /** A progressTransfer was accepted for it. */
  progressed?: boolean;
  finalState?: string;
}

/** A consult transfer (the events carry no command id; one open at a time per conversation). */
export interface Consult {
  destinationCommunicationId: string;
  progressed: boolean;
  ended: boolean;
}

export interface AcceptedEvent {
  type: string;
  event: Record<string, unknown>;
}

export interface Conversation {
  id: string;
  sourceId: string;
  interactionId: string;
  startTime: string;
  communications: Map<string, Communication>;
  commands: Map<string, TransferCommand>;
  consults: Consult[];
  events: AcceptedEvent[];
}
