// The agents EXAS follows: which are in scope (employee id → Genesys Cloud user id, from EXCS), what the
// reducer keeps for each, and the reason key. Stat Server updates and scope changes come in; the
// publisher gets each agent's user state when it is in scope.
import type { Logger } from '../../core/logger.ts';
import type { StatUpdate } from '../../engage/statserver/link-client.ts';
import type { StatePublisher } from './publisher.ts';
import {
  DEFAULT_REASON_KEY,
  emptyReduction,
  reduceAgent,
  type UserState,
  type AgentReduction,
} from './reducer.ts';

export type StateSink = Pick<StatePublisher, 'set' | 'forget'>;

export class AgentStates {
  /** employeeId → cloud user id of the agents in scope. */
  private scope: ReadonlyMap<string, string> = new Map();
  private readonly reductions = new Map<string, AgentReduction>();

  constructor(
    private readonly publisher: StateSink,
    private readonly logger: Logger,
    /** The user-data key holding Not Ready reasons (agent_state_sync/reason_key, else ReasonCode). */
    public reasonKey: string = DEFAULT_REASON_KEY,
  ) {}

  inScope(): ReadonlyMap<string, string> {
    return this.scope;
  }

  /** One Stat Server update: reduced, and published when the agent is in scope. */
  update(u: StatUpdate, receivedAt: number): { user: UserState; changed: boolean } {
    const out = reduceAgent(
      this.reductions.get(u.employeeId) ?? emptyReduction(),
      u.category,
      u.tree,
      this.reasonKey,
    );
    this.reductions.set(u.employeeId, out.next);
    if (out.changed) {
      this.logger.debug(
        { employeeId: u.employeeId, ...out.user, view: out.next.view },
        'agent state changed',
      );
    }
    this.publish(u.employeeId, u.timeMs, receivedAt);
    return out;
  }

  /**
   * A new scope from EXCS: agents that left or moved to another user are forgotten by the publisher; an
   * agent now mapped to another user gets its current state sent there.
   */
  setScope(next: ReadonlyMap<string, string>): void {
    const before = this.scope;
    this.scope = next;
    for (const [employeeId, userId] of before) {
      if (next.get(employeeId) !== userId) this.publisher.forget(userId);
      if (!next.has(employeeId)) this.reductions.delete(employeeId);
    }
    const now = Date.now();
    for (const [employeeId, userId] of next) {
      if (before.get(employeeId) !== userId) this.publish(employeeId, now, now);
    }
  }

  private publish(employeeId: string, timeMs: number, receivedAt: number): void {
    const userId = this.scope.get(employeeId);
    const user = this.reductions.get(employeeId)?.user;
    if (userId && user) this.publisher.set(userId, employeeId, user, timeMs, receivedAt);
  }
}
