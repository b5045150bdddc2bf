// The mapping store on the StateStore (Redis in deployments): one hash per object type, written through
// after every applied operation (so a killed sync resumes where it stopped), plus a version counter that
// every write bumps (the change feed EXAS and EXCP poll). Reads come from an in-memory copy. Every write
// is a fenced store script: it happens only while this instance holds the writer lease (one writer).
import { keys } from '../../../store/keys.ts';
import type { Fence } from '../../../store/lease.ts';
import type { StateStore } from '../../../store/types.ts';
import type { DesiredExtension } from '../desired.ts';
import type { MappingState, OrgView } from '../planner/types.ts';
import type { QueueEntry, SkillEntry, SourceEntry, UserEntry, WrapupCodeEntry } from './entries.ts';
import { fencedDelete, fencedHashWrite, FencedOutError, NOT_HOLDER } from './fencedWrites.ts';

const SOURCE_FIELD = 'source';

function parseAll<T>(h: Record<string, string>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of Object.entries(h)) {
    try {
      m.set(k, JSON.parse(v) as T);
    } catch {
      // A damaged entry is dropped: the next full pass links the object again by name.
    }
  }
  return m;
}
const numeric = <T>(m: Map<string, T>): Map<number, T> => new Map([...m].map(([k, v]) => [Number(k), v]));

/** One entry per cloud object, the lowest DBID's (several Engage objects on one org object: a name clash). */
function firstPerCloudId<T extends { cloudId: string }>(m: ReadonlyMap<number, T>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const [, e] of [...m].sort((a, b) => a[0] - b[0])) {
    if (seen.has(e.cloudId)) continue;
    seen.add(e.cloudId);
    out.push(e);
  }
  return out;
}

export class MappingStore {
  users = new Map<number, UserEntry>();
  skills = new Map<number, SkillEntry>();
  queues = new Map<number, QueueEntry>();
  wrapupCodes = new Map<string, WrapupCodeEntry>();
  source: SourceEntry | undefined;
  extensions = new Map<string, DesiredExtension>();
  version = 0;

  /** Without a fence the store is read-only (a standby replica, `plan --offline`). */
  constructor(
    private readonly store: StateStore,
    private readonly fence?: Fence,
  ) {}

  async load(): Promise<void> {
    const [u, s, q, w, src, ext, v] = await Promise.all([
      this.store.hgetall(keys.mapping('users')),
      this.store.hgetall(keys.mapping('skills')),
      this.store.hgetall(keys.mapping('queues')),
      this.store.hgetall(keys.mapping('wrapupcodes')),
      this.store.hgetall(keys.mapping('source')),
      this.store.hgetall(keys.extensions()),
      this.store.get(keys.mappingVersion()),
    ]);
    this.users = numeric(parseAll<UserEntry>(u));
    this.skills = numeric(parseAll<SkillEntry>(s));
    this.queues = numeric(parseAll<QueueEntry>(q));
    this.wrapupCodes = parseAll<WrapupCodeEntry>(w);
    this.source = parseAll<SourceEntry>(src).get(SOURCE_FIELD);
    this.extensions = parseAll<DesiredExtension>(ext);
    this.version = Number(v ?? 0);
  }

  /** The current version from the store (cheap: one GET). */
  async currentVersion(): Promise<number> {
    return Number((await this.store.get(keys.mappingVersion())) ?? 0);
  }

  /** Sets and deletes fields of one hash and bumps the version, in one fenced step. */
  private async writeHash(hash: string, set: Record<string, string>, del: string[] = []): Promise<void> {
    const pairs = Object.entries(set).flat();
    const held = this.heldLease();
    const v = await this.store.run(
      fencedHashWrite,
      [this.fenceKey(), keys.mappingVersion(), hash],
      [held, pairs.length / 2, ...pairs, ...del],
    );
    this.version = this.checked(v);
  }

  private fenceKey(): string {
    if (!this.fence) throw new FencedOutError('the mapping store is read-only here (no writer lease)');
    return this.fence.key;
  }

  private heldLease(): string {
    const v = this.fence?.value() ?? null;
    if (v === null) throw new FencedOutError('this instance does not hold the writer lease');
    return v;
  }

  private checked(version: number): number {
    if (version === NOT_HOLDER) {
      throw new FencedOutError('the writer lease was taken over by another instance; nothing written');
    }
    return version;
  }

  async putUser(dbid: number, e: UserEntry): Promise<void> {
    await this.writeHash(keys.mapping('users'), { [dbid]: JSON.stringify(e) });
    this.users.set(dbid, e);
  }
  async deleteUsers(dbids: number[]): Promise<void> {
    if (!dbids.length) return;
    await this.writeHash(keys.mapping('users'), {}, dbids.map(String));
    for (const d of dbids) this.users.delete(d);
  }
  async putSkill(dbid: number, e: SkillEntry): Promise<void> {
    await this.writeHash(keys.mapping('skills'), { [dbid]: JSON.stringify(e) });
    this.skills.set(dbid, e);
  }
  async putQueue(dbid: number, e: QueueEntry): Promise<void> {
    await this.writeHash(keys.mapping('queues'), { [dbid]: JSON.stringify(e) });
    this.queues.set(dbid, e);
  }
  async putWrapupCode(name: string, e: WrapupCodeEntry): Promise<void> {
    await this.writeHash(keys.mapping('wrapupcodes'), { [name]: JSON.stringify(e) });
    this.wrapupCodes.set(name, e);
  }
  async putSource(e: SourceEntry): Promise<void> {
    await this.writeHash(keys.mapping('source'), { [SOURCE_FIELD]: JSON.stringify(e) });
    this.source = e;
  }

  /** Replaces the extension DNs with the ones in scope; writes only the differences. */
  async putExtensions(exts: readonly DesiredExtension[]): Promise<void> {
    const next = new Map(exts.map((e) => [`${e.switch}/${e.number}`, e]));
    const changed: Record<string, string> = {};
    for (const [k, e] of next) {
      const json = JSON.stringify(e);
      const old = this.extensions.get(k);
      if (!old || JSON.stringify(old) !== json) changed[k] = json;
    }
    const gone = [...this.extensions.keys()].filter((k) => !next.has(k));
    if (!Object.keys(changed).length && !gone.length) return;
    await this.writeHash(keys.extensions(), changed, gone);
    this.extensions = next;
  }

  /** The planner's view of the mappings. */
  state(): MappingState {
    return {
      users: this.users,
      skills: this.skills,
      queues: this.queues,
      wrapupCodes: this.wrapupCodes,
      ...(this.source ? { source: this.source } : {}),
    };
  }

  /**
   * The org as last applied: what incremental passes plan against, so that a change in Engage costs
   * only the calls that carry it. A full pass lists the real org instead (drift, deletions in the org).
   */
  believedOrg(roles: string[]): OrgView {
    return {
      users: firstPerCloudId(this.users).map((u) => ({
        id: u.cloudId,
        userName: u.userName,
        displayName: u.displayName,
        ...(u.email !== undefined ? { email: u.email } : {}),
        externalId: u.externalId,
        active: u.active,
        skills: u.skills.map((s) => {
          const id = [...this.skills.values()].find((k) => k.name === s.name)?.cloudId;
          return { name: s.name, proficiency: s.proficiency, ...(id ? { id } : {}) };
        }),
      })),
      skills: [...this.skills.values()].map((s) => ({ id: s.cloudId, name: s.name })),
      queues: firstPerCloudId(this.queues).map((q) => ({
        id: q.cloudId,
        name: q.name,
        description: q.description,
        peerId: q.peerId,
        memberIds: q.memberIds,
        wrapupCodeIds: q.wrapupCodeIds,
      })),
      wrapupCodes: [...this.wrapupCodes].map(([name, w]) => ({ id: w.cloudId, name })),
      sources: this.source ? [{ id: this.source.cloudId, name: this.source.name }] : [],
      roles,
    };
  }

  /**
   * After a full listing: what mapped queues really hold (members, wrap-up codes), so that incremental
   * passes plan from the truth. Only differences are written.
   */
  async refreshFromOrg(org: OrgView): Promise<void> {
    const byId = new Map(org.queues.map((q) => [q.id, q]));
    for (const [dbid, e] of this.queues) {
      const q = byId.get(e.cloudId);
      if (!q) continue;
      const same =
        JSON.stringify([...q.memberIds].sort()) === JSON.stringify([...e.memberIds].sort()) &&
        JSON.stringify([...q.wrapupCodeIds].sort()) === JSON.stringify([...e.wrapupCodeIds].sort());
      if (!same) await this.putQueue(dbid, { ...e, memberIds: q.memberIds, wrapupCodeIds: q.wrapupCodeIds });
    }
  }

  /** Forgets every mapping (the seeds' "clearing of the Redis cache"). */
  async clear(): Promise<void> {
    const held = this.heldLease();
    this.checked(
      await this.store.run(
        fencedDelete,
        [
          this.fenceKey(),
          keys.mappingVersion(),
          keys.mapping('users'),
          keys.mapping('skills'),
          keys.mapping('queues'),
          keys.mapping('wrapupcodes'),
          keys.mapping('source'),
          keys.extensions(),
        ],
        [held],
      ),
    );
    await this.load();
  }
}
